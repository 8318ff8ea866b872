using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorChat.Testing;
using ActorChat.WebFront.Hosting;

namespace ActorChat.Web.Tests;

/// <summary>
/// One server with all three kinds of address: plain HTTP/1.1 (Urls), HTTPS with a self-signed certificate
/// (HTTP/1.1 and HTTP/2 by ALPN), and an h2c address (ActorChat:Http2:PriorKnowledgeUrls).
/// </summary>
public sealed class Http2Server : IAsyncLifetime
{
    private readonly string _certificate = Path.Combine(Directory.CreateTempSubdirectory("actorchat-cert-").FullName, "server.pfx");

    public ActorChatServer Server { get; private set; } = null!;

    public string Plain => Server.Addresses[0];

    public string Https => Server.Addresses.Single(a => a.StartsWith("https:"));

    public string H2c { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public async ValueTask InitializeAsync()
    {
        WriteSelfSignedCertificate(_certificate, "test");
        Server = await ActorChatServer.StartAsync(new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0;https://127.0.0.1:0",
            ["Kestrel:Certificates:Default:Path"] = _certificate,
            ["Kestrel:Certificates:Default:Password"] = "test",
            ["ActorChat:Http2:PriorKnowledgeUrls:0"] = H2c,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_certificate)!, recursive: true);
    }

    private static void WriteSelfSignedCertificate(string path, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
    }
}

/// <summary>HTTP/2 as curl and node's http2 module speak it: h2c with prior knowledge, h2 over TLS, and WebSockets over both (RFC 8441).</summary>
public sealed class Http2Tests(Http2Server fixture) : IClassFixture<Http2Server>
{
    [Fact]
    public async Task The_h2c_address_serves_every_endpoint_over_HTTP2_with_prior_knowledge()
    {
        Assert.Equal("2 200", await Curl.VersionAndStatusAsync("--http2-prior-knowledge", fixture.H2c + "/"));
        Assert.Equal("2 200", await Curl.VersionAndStatusAsync("--http2-prior-knowledge", fixture.H2c + "/api/users/nobody"));
        Assert.Equal("2 200", await Curl.VersionAndStatusAsync("--http2-prior-knowledge", fixture.H2c + "/graphql",
            "-H", "Content-Type: application/json", "-d", """{"query":"{ ans(a: \"x\", b: 1) }"}"""));
        var answer = await Curl.RunAsync("--http2-prior-knowledge", fixture.H2c + "/graphql", "-H", "Content-Type: application/json", "-d", """{"query":"{ ans(a: \"x\", b: 1) }"}""");
        Assert.Contains("\"ans\"", answer);
    }

    [Fact]
    public async Task The_plain_address_stays_HTTP1_for_browsers()
    {
        Assert.Equal("1.1 200", await Curl.VersionAndStatusAsync(fixture.Plain + "/"));
        // Upgrade: h2c is not offered (Kestrel does not do it); the request is answered over HTTP/1.1.
        Assert.Equal("1.1 200", await Curl.VersionAndStatusAsync("--http2", fixture.Plain + "/"));
    }

    [Fact]
    public async Task HTTPS_negotiates_HTTP2_and_still_serves_HTTP1()
    {
        Assert.Equal("2 200", await Curl.VersionAndStatusAsync("--insecure", "--http2", fixture.Https + "/"));
        Assert.Equal("1.1 200", await Curl.VersionAndStatusAsync("--insecure", "--http1.1", fixture.Https + "/"));
    }

    [Theory]
    [InlineData("h2c")]
    [InlineData("https")]
    public async Task WebSockets_over_HTTP2_reach_the_echo_and_the_event_model(string kind)
    {
        var address = kind == "h2c" ? fixture.H2c : fixture.Https;
        await using var node = NodeClient.Start("http2-websocket.mjs", address);
        var seen = await node.NextLineAsync(TimeSpan.FromSeconds(60));
        Assert.False(seen.TryGetProperty("error", out var error), error.ToString());
        Assert.True(seen.GetProperty("enableConnectProtocol").GetBoolean());
        Assert.Equal(kind == "h2c" ? "h2c" : "h2", seen.GetProperty("alpn").GetString());
        Assert.Equal(200, seen.GetProperty("echo").GetProperty("status").GetInt32());
        Assert.Equal("chat", seen.GetProperty("echo").GetProperty("protocol").GetString());
        Assert.Equal("receivedmessage", seen.GetProperty("echo").GetProperty("echoed").GetString());
        Assert.Equal("h2-client", seen.GetProperty("chat").GetProperty("connect").GetProperty("args")[0].GetProperty("user").GetString());
        Assert.Equal(1, seen.GetProperty("chat").GetProperty("ack").GetProperty("args")[0].GetProperty("members").GetInt32());
        Assert.Equal(0, await node.WaitForExitAsync());
    }

    [Theory]
    [InlineData("https://localhost:5002", "not an address with a port")]
    [InlineData("http://localhost:5002/h2", "not an address with a port")]
    [InlineData("http://localhost:5000", "whose port 5000 Urls already uses")]
    public void A_bad_h2c_address_is_named_in_one_sentence(string url, string problem)
    {
        var options = new Http2Options { PriorKnowledgeUrls = [url] };
        var sentence = options.Validate("http://localhost:5000");
        Assert.StartsWith($"ActorChat:Http2:PriorKnowledgeUrls has '{url}', ", sentence);
        Assert.Contains(problem, sentence);
    }
}
