using ActorChat.Hosting.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ActorChat.WebFront.Hosting;

/// <summary>
/// Which HTTP versions Kestrel speaks where. The <c>Urls</c> addresses serve HTTP/1.1, and over TLS also
/// HTTP/2 chosen by ALPN (Kestrel's default, so a configured certificate is all HTTPS needs). Addresses in
/// <see cref="Http2Options.PriorKnowledgeUrls"/> serve HTTP/2 without TLS (h2c, prior knowledge). WebSockets
/// over HTTP/2 (RFC 8441, extended CONNECT) work on both kinds of HTTP/2 connection.
/// </summary>
public static class KestrelProtocols
{
    private const string KestrelDefaultUrl = "http://localhost:5000";

    public static WebApplicationBuilder UseActorChatProtocols(this WebApplicationBuilder builder)
    {
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : KestrelDefaultUrl;
        var options = ConfigurationCheck.Load<Http2Options>(builder.Configuration, Http2Options.Section, o => o.Validate(urls));
        if (options.PriorKnowledgeUrls.Count == 0) return builder;

        // The h2c addresses join the others, so Kestrel binds them all alike, and are told apart by port.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Join(';', [urls, .. options.PriorKnowledgeUrls]));
        var h2cPorts = options.PriorKnowledgeUrls.Select(url => new Uri(url).Port).ToHashSet();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureEndpointDefaults(listen =>
            {
                if (listen.IPEndPoint is { } endpoint && h2cPorts.Contains(endpoint.Port)) listen.Protocols = HttpProtocols.Http2;
            });
            kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KestrelProtocols)).LogInformation(
                "HTTP/2 with prior knowledge (h2c, no HTTP/1.1) is served at {Addresses}", string.Join(", ", options.PriorKnowledgeUrls));
        });
        return builder;
    }
}
