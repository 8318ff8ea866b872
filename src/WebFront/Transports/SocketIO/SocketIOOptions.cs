using ActorChat.Configuration;
namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>Options of the Socket.IO endpoint, bound from <c>ActorChat:SocketIO</c>.</summary>
public sealed class SocketIOOptions : IValidatedOptions
{
    public const string Section = "ActorChat:SocketIO";

    /// <summary>Whether <c>MapActorChatSocketIO</c> maps the endpoint at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The request path (socket.io-client's <c>path</c> option); must start and end with <c>/</c>.</summary>
    public string Path { get; set; } = "/socket.io/";

    /// <summary>Milliseconds between the server's pings.</summary>
    public int PingInterval { get; set; } = 25_000;

    /// <summary>Milliseconds a client has to answer a ping before its session is closed.</summary>
    public int PingTimeout { get; set; } = 20_000;

    /// <summary>Largest polling request body or WebSocket message accepted, in bytes (Engine.IO's maxPayload).</summary>
    public int MaxPayload { get; set; } = 1_000_000;

    /// <summary>Milliseconds a new session has to connect to a namespace before it is closed.</summary>
    public int ConnectTimeout { get; set; } = 45_000;

    /// <summary>Packets queued for one session before it is considered too slow and closed.</summary>
    public int SendQueueLimit { get; set; } = 4096;

    /// <summary>Engine.IO sessions this front holds at once; a handshake over it gets 503.</summary>
    public int MaxSessions { get; set; } = 50_000;

    /// <summary>Engine.IO sessions one client address may hold on this front at once; a handshake over it gets 429.</summary>
    public int MaxSessionsPerAddress { get; set; } = 100;

    /// <summary>
    /// Socket.IO's connection state recovery: the CONNECT reply carries a <c>pid</c>, room messages carry their offset as
    /// an extra last argument, and a client that reconnects with <c>{pid, offset}</c> gets its rooms and what it missed
    /// (docs/protocol.md, "Reconnecting"). Off, Socket.IO clients keep no session and get the arguments alone.
    /// </summary>
    public bool ConnectionStateRecovery { get; set; } = true;

    /// <summary>Returns the first problem with the options as one sentence naming the option, or null.</summary>
    public string? Validate()
    {
        if (string.IsNullOrEmpty(Path) || !Path.StartsWith('/') || !Path.EndsWith('/') || Path.Contains("//") || Path.Any(char.IsWhiteSpace))
            return $"{Section}:Path must start and end with '/' and contain no spaces or empty segments (got '{Path}').";
        if (PingInterval is < 50 or > 3_600_000)
            return $"{Section}:PingInterval must be between 50 and 3600000 milliseconds (got {PingInterval}).";
        if (PingTimeout is < 50 or > 3_600_000)
            return $"{Section}:PingTimeout must be between 50 and 3600000 milliseconds (got {PingTimeout}).";
        if (MaxPayload is < 1024 or > 100_000_000)
            return $"{Section}:MaxPayload must be between 1024 and 100000000 bytes (got {MaxPayload}).";
        if (ConnectTimeout is < 100 or > 3_600_000)
            return $"{Section}:ConnectTimeout must be between 100 and 3600000 milliseconds (got {ConnectTimeout}).";
        if (SendQueueLimit is < 16 or > 1_000_000)
            return $"{Section}:SendQueueLimit must be between 16 and 1000000 (got {SendQueueLimit}).";
        if (MaxSessions is < 1 or > 10_000_000)
            return $"{Section}:MaxSessions must be between 1 and 10000000 (got {MaxSessions}).";
        if (MaxSessionsPerAddress is < 1 or > 10_000_000)
            return $"{Section}:MaxSessionsPerAddress must be between 1 and 10000000 (got {MaxSessionsPerAddress}).";
        return null;
    }
}
