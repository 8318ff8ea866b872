using Microsoft.AspNetCore.Http;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>How ActorChat accepts WebSocket handshakes.</summary>
internal static class WebSocketAccept
{
    /// <summary>The only subprotocol we speak; clients that offer it (the tutorial's clients do) get it back.</summary>
    public const string ChatSubprotocol = "chat";

    public static WebSocketAcceptContext ContextFor(HttpContext http) => new()
    {
        SubProtocol = http.WebSockets.WebSocketRequestedProtocols.Contains(ChatSubprotocol) ? ChatSubprotocol : null,
    };

    /// <summary>A plain HTTP request to a WebSocket endpoint: 400 with a JSON body that says so.</summary>
    public static IResult NotAWebSocket() =>
        Results.Json(new { error = "This endpoint only accepts WebSocket connections (Upgrade: websocket)." }, statusCode: StatusCodes.Status400BadRequest);
}
