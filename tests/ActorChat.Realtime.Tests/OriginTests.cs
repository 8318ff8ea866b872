using System.Net;
using System.Text.Json;
using ActorChat.Testing;
using Xunit;

namespace ActorChat.Realtime.Tests;

public sealed class AllowListServerFixture : ServerFixture
{
    public const string AllowedOrigin = "https://chat.example";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorChat:AllowedOrigins:0"] = AllowedOrigin,
    };
}

/// <summary>
/// One origin allow-list for every browser transport: a page of another origin is refused with 403 before
/// any upgrade, on every transport alike (the probe found raw WebSocket, /test and SignalR accepting it).
/// </summary>
public sealed class OriginTests(AllowListServerFixture fixture) : IClassFixture<AllowListServerFixture>
{
    private const string Evil = "https://evil.example";

    public static TheoryData<string> Upgrades => new()
    {
        "ws/chat", "ws", "test", "hubs/chat?namespace=%2Fchat", "socket.io/?EIO=4&transport=websocket", "graphql",
    };

    [Theory, MemberData(nameof(Upgrades))]
    public async Task An_upgrade_from_a_page_of_another_origin_gets_403(string path)
    {
        var (status, _) = await UpgradeProbe.TryAsync(fixture.Server.Ws(path), new Dictionary<string, string> { ["Origin"] = Evil });
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Theory, MemberData(nameof(Upgrades))]
    public async Task An_upgrade_from_an_allowed_origin_or_with_no_origin_is_accepted(string path)
    {
        Assert.Equal(HttpStatusCode.SwitchingProtocols,
            (await UpgradeProbe.TryAsync(fixture.Server.Ws(path), new Dictionary<string, string> { ["Origin"] = AllowListServerFixture.AllowedOrigin })).Status);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, (await UpgradeProbe.TryAsync(fixture.Server.Ws(path))).Status);
    }

    [Fact]
    public async Task A_refused_raw_WebSocket_upgrade_says_why_in_json()
    {
        var (status, body) = await UpgradeProbe.RefusalAsync(fixture.Server.Ws("ws/chat"), new Dictionary<string, string> { ["Origin"] = Evil });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("origin_not_allowed", json.GetProperty("code").GetString());
        Assert.Equal($"The origin '{Evil}' may not connect.", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("hubs/chat/negotiate?negotiateVersion=1&namespace=%2Fchat", "POST")]
    [InlineData("socket.io/?EIO=4&transport=polling", "GET")]
    public async Task A_handshake_from_a_page_of_another_origin_gets_403(string path, string method)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), fixture.Server.Http(path));
        request.Headers.Add("Origin", Evil);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_Server_Sent_Events_stream_from_a_page_of_another_origin_gets_403_before_it_starts()
    {
        using var http = new HttpClient();
        foreach (var (origin, status) in new[] { (Evil, HttpStatusCode.Forbidden), (AllowListServerFixture.AllowedOrigin, HttpStatusCode.OK) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Server.Http("sse/chat?rooms=lobby"));
            request.Headers.Add("Origin", origin);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(status, response.StatusCode);
            if (status == HttpStatusCode.OK)
            {
                Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
                continue;
            }
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("origin_not_allowed", json.GetProperty("code").GetString());
            Assert.Equal($"The origin '{Evil}' may not connect.", json.GetProperty("error").GetString());
        }
    }

    [Theory]
    [InlineData("graphql")]
    [InlineData("api/users/alice")]
    [InlineData("api/namespaces/chat/events")]
    public async Task Preflights_on_GraphQL_and_the_API_are_answered_from_the_same_list(string path)
    {
        using var http = new HttpClient();
        var allowed = await PreflightAsync(http, path, AllowListServerFixture.AllowedOrigin);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(AllowListServerFixture.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());

        var refused = await PreflightAsync(http, path, Evil);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_cross_origin_read_of_the_API_carries_the_allow_origin_header_only_for_a_listed_origin()
    {
        using var http = new HttpClient();
        foreach (var (origin, listed) in new[] { (AllowListServerFixture.AllowedOrigin, true), (Evil, false) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Server.Http("api/users/alice"));
            request.Headers.Add("Origin", origin);
            using var response = await http.SendAsync(request);
            Assert.Equal(listed, response.Headers.Contains("Access-Control-Allow-Origin"));
        }
    }

    private async Task<HttpResponseMessage> PreflightAsync(HttpClient http, string path, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, fixture.Server.Http(path));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, authorization");
        return await http.SendAsync(request);
    }
}
