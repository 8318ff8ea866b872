using System.Text.Json;

namespace ActorChat.WebFront.Transports.SocketIO.Engine;

/// <summary>The HTTP errors Engine.IO names, with the codes and messages its JSON bodies carry.</summary>
public sealed record EngineError(int Code, string Message, int Status = StatusCodes.Status400BadRequest)
{
    public static readonly EngineError UnknownTransport = new(0, "Transport unknown");
    public static readonly EngineError UnknownSid = new(1, "Session ID unknown");
    public static readonly EngineError BadHandshakeMethod = new(2, "Bad handshake method");
    public static readonly EngineError BadRequest = new(3, "Bad request");
    public static readonly EngineError Forbidden = new(4, "Forbidden", StatusCodes.Status403Forbidden);
    public static readonly EngineError UnsupportedProtocolVersion = new(5, "Unsupported protocol version");
    public static readonly EngineError PayloadTooLarge = new(3, "Payload too large", StatusCodes.Status413PayloadTooLarge);
    public static readonly EngineError TooManySessions = new(4, "Too many sessions on this server", StatusCodes.Status503ServiceUnavailable);
    public static readonly EngineError TooManySessionsFromAddress = new(4, "Too many sessions from this address", StatusCodes.Status429TooManyRequests);

    public Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json";
        return response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(new { code = Code, message = Message })).AsTask();
    }
}
