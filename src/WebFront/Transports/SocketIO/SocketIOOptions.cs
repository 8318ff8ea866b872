namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>Options of the Socket.IO endpoint, bound from <c>ActorChat:SocketIO</c>.</summary>
public sealed class SocketIOOptions
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

    /// <summary>
    /// Origins allowed to connect (CORS for polling, the Origin check for WebSocket). <c>*</c> allows any;
    /// requests without an Origin header (non-browser clients) and same-origin pages are always allowed.
    /// Unset, it is <see cref="DefaultOrigins"/>: localhost on any port.
    /// </summary>
    public string[]? AllowedOrigins { get; set; }

    /// <summary>The origins allowed when none are configured (an array default would be appended to, not replaced, by binding).</summary>
    public static readonly string[] DefaultOrigins = ["http://localhost", "https://localhost", "http://127.0.0.1", "https://127.0.0.1", "http://[::1]", "https://[::1]"];

    private string[] Origins => AllowedOrigins is { Length: > 0 } configured ? configured : DefaultOrigins;

    /// <summary>Packets queued for one session before it is considered too slow and closed.</summary>
    public int SendQueueLimit { get; set; } = 4096;

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
        foreach (var origin in Origins)
            if (origin != "*" && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"))
                return $"{Section}:AllowedOrigins has '{origin}', which is neither '*' nor an origin such as 'https://example.com' or 'http://localhost:5000'.";
        return null;
    }

    /// <summary>
    /// Whether a browser origin may connect. A configured origin without a port (<c>http://localhost</c>)
    /// allows that host on any port, so the bundled pages and local dev servers work out of the box.
    /// </summary>
    public bool IsOriginAllowed(string? origin)
    {
        if (string.IsNullOrEmpty(origin)) return true;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var requested)) return false;
        foreach (var allowed in Origins)
        {
            if (allowed == "*") return true;
            if (!Uri.TryCreate(allowed, UriKind.Absolute, out var uri)) continue;
            if (!string.Equals(uri.Scheme, requested.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(uri.Host, requested.Host, StringComparison.OrdinalIgnoreCase)) continue;
            var anyPort = uri.IsDefaultPort && !allowed.TrimEnd('/').EndsWith($":{uri.Port}", StringComparison.Ordinal);
            if (anyPort || uri.Port == requested.Port) return true;
        }
        return false;
    }
}
