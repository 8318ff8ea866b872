namespace ActorChat.WebFront.Hosting;

/// <summary>Where HTTP/2 is served without TLS; bound from <c>ActorChat:Http2</c>.</summary>
public sealed class Http2Options
{
    public const string Section = "ActorChat:Http2";

    /// <summary>
    /// Extra addresses, such as <c>http://localhost:5002</c>, that serve every endpoint over cleartext HTTP/2
    /// with prior knowledge (h2c) only. Kestrel in .NET 10 cannot tell HTTP/1.1 from HTTP/2 on one cleartext
    /// port, and browsers need HTTP/1.1 there, so h2c has ports of its own. Empty: none.
    /// </summary>
    public List<string> PriorKnowledgeUrls { get; set; } = [];

    /// <summary>One sentence naming the first bad option, or null when every option is usable.</summary>
    /// <param name="urls">The ordinary addresses (<c>Urls</c>), whose ports h2c must not share.</param>
    public string? Validate(string urls)
    {
        var taken = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => BindingAddress.Parse(url).Port).ToHashSet();
        foreach (var url in PriorKnowledgeUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Port == 0)
                return $"{Section}:PriorKnowledgeUrls has '{url}', which is not an address with a port such as 'http://localhost:5002' (h2c is cleartext, so http://).";
            if (taken.Contains(uri.Port))
                return $"{Section}:PriorKnowledgeUrls has '{url}', whose port {uri.Port} Urls already uses; h2c needs a port of its own.";
        }
        return null;
    }
}
