using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorChat.Testing;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;

namespace ActorChat.Realtime.Tests;

public sealed class ApiKeyServerFixture : ServerFixture
{
    public const string Key = "test-key-123";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["ActorChat:Api:Key"] = Key };
}

/// <summary>Server push over HTTP, guarded by an API key, and the read endpoints.</summary>
public sealed class HttpApiTests(ApiKeyServerFixture fixture) : IClassFixture<ApiKeyServerFixture>
{
    private ActorChatServer Server => fixture.Server;

    [Fact]
    public async Task Push_to_a_room_a_sid_and_the_namespace_delivers_like_an_emit_from_server_code()
    {
        var room = NewRoom();
        await using var member = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        await using var other = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        await member.EmitWithAckAsync("join", new { room });

        var toRoom = await Post("api/namespaces/chat/events", new { @event = "news", args = new object[] { "for the room", 2 }, to = new { room } });
        Assert.Equal(HttpStatusCode.Accepted, toRoom.StatusCode);
        var args = await member.NextEventAsync("news");
        Assert.Equal("for the room", args[0].GetString());
        Assert.Equal(2, args[1].GetInt32());

        await Post("api/namespaces/%2Fchat/events", new { @event = "news", args = new[] { "for you" }, to = new { sid = other.Sid } });
        Assert.Equal("for you", (await other.NextEventAsync("news"))[0].GetString());

        await Post("api/namespaces/chat/events", new { @event = "news", args = new[] { "for all" } });
        Assert.Equal("for all", (await member.NextEventAsync("news", a => a[0].GetString() == "for all"))[0].GetString());
        Assert.Equal("for all", (await other.NextEventAsync("news", a => a[0].GetString() == "for all"))[0].GetString());
        Assert.True(await other.ReceivesNoneAsync("news", TimeSpan.FromMilliseconds(200)), "the room push did not reach a non-member");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong", HttpStatusCode.Unauthorized)]
    [InlineData(ApiKeyServerFixture.Key, HttpStatusCode.Accepted)]
    public async Task Push_requires_the_api_key(string? key, HttpStatusCode expected)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, Server.Http("api/namespaces/chat/events")) { Content = JsonContent.Create(new { @event = "x" }) };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        var response = await http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
            Assert.Contains("X-Api-Key", (await Json(response)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest)]
    [InlineData("{\"args\": []}", HttpStatusCode.BadRequest)]
    [InlineData("{\"event\": \"connect\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"event\": \"x\", \"to\": {\"room\": \"a\", \"user\": \"b\"}}", HttpStatusCode.BadRequest)]
    [InlineData("{\"event\": \"x\", \"to\": {\"room\": \"\"}}", HttpStatusCode.BadRequest)]
    public async Task A_bad_push_body_gets_400_with_a_json_error(string body, HttpStatusCode expected)
    {
        var response = await PostRaw("api/namespaces/chat/events", body);
        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await Json(response)).GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Unknown_namespaces_get_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await PostRaw("api/namespaces/nowhere/events", "{\"event\":\"x\"}")).StatusCode);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Server.Http("api/namespaces/nowhere/rooms/r/members"))).StatusCode);
    }

    [Fact]
    public async Task With_no_key_configured_the_push_endpoint_answers_404()
    {
        await using var server = await ActorChatServer.StartAsync();
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, server.Http("api/namespaces/chat/events")) { Content = JsonContent.Create(new { @event = "x" }) };
        request.Headers.Add("X-Api-Key", "anything");
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ActorChat:Api:Key", (await Json(response)).GetProperty("error").GetString());
    }

    private async Task<HttpResponseMessage> Post(string path, object body)
    {
        var response = await PostRaw(path, JsonSerializer.Serialize(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response;
    }

    private async Task<HttpResponseMessage> PostRaw(string path, string body)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, Server.Http(path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", ApiKeyServerFixture.Key);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
