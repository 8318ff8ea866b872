using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Features;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>
/// Tells a SignalR connection that the network cut (no close handshake) from one its client stopped: SignalR reports
/// both as a disconnect without an error. A middleware on the hub's requests wraps the WebSocket feature so the
/// accepted socket is kept where the hub can read its close status; only a cut keeps the session for a resume.
/// </summary>
public sealed class SocketCloseWatch
{
    private const string Key = "actorchat.socket-close-watch";

    private WebSocket? _socket;

    /// <summary>Watches the WebSocket a request is upgraded to, if it is one.</summary>
    public static void Install(HttpContext http)
    {
        if (http.Features.Get<IHttpWebSocketFeature>() is not { IsWebSocketRequest: true } feature) return;
        var watch = new SocketCloseWatch();
        // SignalR may copy the request's items into its own context; the watch object is shared by reference.
        http.Items[Key] = watch;
        http.Features.Set<IHttpWebSocketFeature>(new Watched(feature, watch));
    }

    /// <summary>True when the connection's WebSocket ended without a close handshake; false for a clean close or another transport.</summary>
    public static bool WasCut(HttpContext? http) =>
        http?.Items[Key] is SocketCloseWatch { _socket: { } socket } && socket.CloseStatus is null;

    private sealed class Watched(IHttpWebSocketFeature inner, SocketCloseWatch watch) : IHttpWebSocketFeature
    {
        public bool IsWebSocketRequest => inner.IsWebSocketRequest;

        public async Task<WebSocket> AcceptAsync(WebSocketAcceptContext context) => watch._socket = await inner.AcceptAsync(context);
    }
}
