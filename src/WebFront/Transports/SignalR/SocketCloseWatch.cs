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

    /// <summary>
    /// The watch of the WebSocket a hub request was upgraded to; null for another transport. Take it while the request
    /// is live (when the hub connects): by the time the connection ends the request may be gone (after a stateful
    /// reconnect it always is), and reading a finished request throws.
    /// </summary>
    public static SocketCloseWatch? Of(HttpContext? http) =>
        // Long polling's copy of the request has items that throw for a missing key: ask, do not index.
        http is not null && http.Items.TryGetValue(Key, out var watch) ? watch as SocketCloseWatch : null;

    /// <summary>True when the WebSocket ended without a close handshake; false for a clean close.</summary>
    public bool WasCut => _socket is { CloseStatus: null };

    private sealed class Watched(IHttpWebSocketFeature inner, SocketCloseWatch watch) : IHttpWebSocketFeature
    {
        public bool IsWebSocketRequest => inner.IsWebSocketRequest;

        public async Task<WebSocket> AcceptAsync(WebSocketAcceptContext context) => watch._socket = await inner.AcceptAsync(context);
    }
}
