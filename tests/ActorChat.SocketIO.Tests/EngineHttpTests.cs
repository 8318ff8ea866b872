using System.Net;
using System.Text;
using System.Text.Json;
using ActorChat.Testing;

namespace ActorChat.SocketIO.Tests;

/// <summary>A server that lets pages of local development servers connect.</summary>
public sealed class LocalPagesServerFixture : ServerFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorChat:AllowedOrigins"] = "http://localhost, http://127.0.0.1",
    };
}

/// <summary>Engine.IO over HTTP: the handshake, and each bad request with the spec's status and JSON body, harming no other session.</summary>
public sealed class EngineHttpTests(LocalPagesServerFixture fixture) : IClassFixture<LocalPagesServerFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.Server.BaseUri, Timeout = TimeSpan.FromSeconds(15) };

    private static string Url(string query) => "socket.io/?" + query;

    private async Task<string> OpenAsync()
    {
        var body = await _http.GetStringAsync(Url("EIO=4&transport=polling"));
        Assert.StartsWith("0", body);
        return JsonDocument.Parse(body[1..]).RootElement.GetProperty("sid").GetString()!;
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code)
    {
        Assert.Equal(status, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Handshake_has_the_spec_fields()
    {
        var body = await _http.GetStringAsync(Url("EIO=4&transport=polling"));
        var open = JsonDocument.Parse(body[1..]).RootElement;
        Assert.Equal(["maxPayload", "pingInterval", "pingTimeout", "sid", "upgrades"], open.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("websocket", open.GetProperty("upgrades")[0].GetString());
        Assert.Equal(25000, open.GetProperty("pingInterval").GetInt32());
    }

    [Theory]
    [InlineData("EIO=4&transport=carrier-pigeon", 0)]
    [InlineData("EIO=4", 0)]
    [InlineData("EIO=3&transport=polling", 5)]
    [InlineData("transport=polling", 5)]
    [InlineData("EIO=4&transport=polling&sid=00000000.AAAAAAAAAAAAAAAA", 1)]
    [InlineData("EIO=4&transport=websocket", 3)]
    public async Task Bad_queries_get_400_with_the_spec_code(string query, int code) =>
        await AssertErrorAsync(await _http.GetAsync(Url(query)), HttpStatusCode.BadRequest, code);

    [Fact]
    public async Task A_handshake_must_be_a_GET() =>
        await AssertErrorAsync(await _http.PostAsync(Url("EIO=4&transport=polling"), new StringContent("4x")), HttpStatusCode.BadRequest, 2);

    [Fact]
    public async Task A_post_for_an_unknown_sid_is_refused() =>
        await AssertErrorAsync(await _http.PostAsync(Url("EIO=4&transport=polling&sid=nope"), new StringContent("4x")), HttpStatusCode.BadRequest, 1);

    [Fact]
    public async Task A_bad_payload_closes_only_its_session()
    {
        var bystander = await OpenAsync();
        var sid = await OpenAsync();
        await AssertErrorAsync(await _http.PostAsync(Url($"EIO=4&transport=polling&sid={sid}"), new StringContent("9bad")), HttpStatusCode.BadRequest, 3);
        await AssertErrorAsync(await _http.GetAsync(Url($"EIO=4&transport=polling&sid={sid}")), HttpStatusCode.BadRequest, 1);
        var ok = await _http.PostAsync(Url($"EIO=4&transport=polling&sid={bystander}"), new StringContent("40/chat,"));
        Assert.Equal("ok", await ok.Content.ReadAsStringAsync());
        Assert.StartsWith("40/chat,{\"sid\":", await _http.GetStringAsync(Url($"EIO=4&transport=polling&sid={bystander}")));
    }

    [Fact]
    public async Task A_bad_socket_io_packet_closes_the_session()
    {
        var sid = await OpenAsync();
        var response = await _http.PostAsync(Url($"EIO=4&transport=polling&sid={sid}"), new StringContent("42{\"not\":\"an array\"}"));
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, 3);
    }

    [Fact]
    public async Task A_second_concurrent_GET_closes_the_session()
    {
        var sid = await OpenAsync();
        var first = _http.GetAsync(Url($"EIO=4&transport=polling&sid={sid}"));
        await Task.Delay(200);
        await AssertErrorAsync(await _http.GetAsync(Url($"EIO=4&transport=polling&sid={sid}")), HttpStatusCode.BadRequest, 3);
        Assert.Equal("1", await (await first).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_payload_over_maxPayload_is_refused_with_413()
    {
        var sid = await OpenAsync();
        var response = await _http.PostAsync(Url($"EIO=4&transport=polling&sid={sid}"), new StringContent("4" + new string('x', 1_000_001)));
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, 3);
    }

    [Fact]
    public async Task Binary_goes_out_base64_on_polling()
    {
        var sid = await OpenAsync();
        await _http.PostAsync(Url($"EIO=4&transport=polling&sid={sid}"), new StringContent("40/chat,"));
        var connected = await _http.GetStringAsync(Url($"EIO=4&transport=polling&sid={sid}"));
        Assert.StartsWith("40/chat,", connected);
        await _http.PostAsync(Url($"EIO=4&transport=polling&sid={sid}"),
            new StringContent("451-/chat,[\"file\",{\"sid\":\"" + JsonDocument.Parse(connected[8..]).RootElement.GetProperty("sid").GetString() + "\",\"includeSelf\":true},{\"_placeholder\":true,\"num\":0}]\u001ebAQID"));
        var relayed = await _http.GetStringAsync(Url($"EIO=4&transport=polling&sid={sid}"));
        var parts = relayed.Split('\u001e');
        Assert.StartsWith("451-/chat,[\"file\",", parts[0]);
        Assert.Contains("bAQID", parts);
    }

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:8080", HttpStatusCode.OK)]
    public async Task Origins_follow_the_allowed_list(string origin, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("EIO=4&transport=polling"));
        request.Headers.Add("Origin", origin);
        var response = await _http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK) Assert.Equal(origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task A_preflight_is_answered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, Url("EIO=4&transport=polling"));
        request.Headers.Add("Origin", "http://127.0.0.1:3000");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }
}
