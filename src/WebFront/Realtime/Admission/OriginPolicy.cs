using ActorChat.Hosting.Configuration;

namespace ActorChat.WebFront.Realtime.Admission;

/// <summary>
/// The one origin allow-list, <c>ActorChat:AllowedOrigins</c>: which web pages may open a connection
/// (checked at every browser transport's upgrade or handshake) and call the HTTP API across origins (CORS).
/// Requests without an <c>Origin</c> header (node, .NET, mobile clients) and same-origin pages are always
/// allowed. <c>*</c> allows every origin; an origin written without a port allows every port of that host.
/// Unset, Development allows any origin and every other environment only same-origin pages.
/// </summary>
public sealed class OriginPolicy
{
    public const string Key = "ActorChat:AllowedOrigins";

    private readonly Uri[] _origins;

    public OriginPolicy(IReadOnlyList<string> allowed)
    {
        Allowed = allowed;
        AllowsAny = allowed.Contains("*");
        _origins = allowed.Where(o => o != "*").Select(o => new Uri(o)).ToArray();
    }

    public IReadOnlyList<string> Allowed { get; }

    public bool AllowsAny { get; }

    /// <summary>Reads and checks the list; in Development an unset list allows any origin.</summary>
    public static OriginPolicy FromConfiguration(IConfiguration configuration, bool development)
    {
        // A list (ActorChat:AllowedOrigins:0=…), or one value with commas (--ActorChat:AllowedOrigins=*).
        var single = configuration[Key];
        var configured = single is not null
            ? single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList()
            : ConfigurationCheck.Bind<List<string>>(configuration, Key);
        foreach (var origin in configured)
            if (origin != "*" && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0))
                throw new InvalidConfigurationException($"{Key} has '{origin}', which is neither '*' nor an origin such as 'https://example.com' or 'http://localhost:5000'.");
        return new OriginPolicy(configured.Count > 0 ? configured : development ? ["*"] : []);
    }

    /// <summary>Whether a request from <paramref name="origin"/> to <paramref name="host"/> may go ahead.</summary>
    public bool Allows(string? origin, HostString host)
    {
        if (string.IsNullOrEmpty(origin) || AllowsAny) return true;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var requested)) return false;
        // Same origin: the page was served by this very address.
        return string.Equals(requested.Authority, host.Value, StringComparison.OrdinalIgnoreCase) || IsListed(requested);
    }

    /// <summary>Whether a page of another origin may call the HTTP API and GraphQL (CORS; same-origin pages need no CORS).</summary>
    public bool AllowsCrossOrigin(string origin) =>
        AllowsAny || (Uri.TryCreate(origin, UriKind.Absolute, out var requested) && IsListed(requested));

    private bool IsListed(Uri requested)
    {
        foreach (var allowed in _origins)
        {
            if (!string.Equals(allowed.Scheme, requested.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(allowed.Host, requested.Host, StringComparison.OrdinalIgnoreCase)) continue;
            var anyPort = allowed.IsDefaultPort && !allowed.OriginalString.TrimEnd('/').EndsWith($":{allowed.Port}", StringComparison.Ordinal);
            if (anyPort || allowed.Port == requested.Port) return true;
        }
        return false;
    }

    public bool Allows(ConnectionRequest request) => Allows(request.Origin, request.Host);

    public bool Allows(HttpRequest request) => Allows(request.Headers.Origin.ToString(), request.Host);

    /// <summary>For the start-up log.</summary>
    public override string ToString() => AllowsAny ? "any origin" : Allowed.Count == 0 ? "same-origin pages only" : "same-origin pages and " + string.Join(", ", Allowed);
}
