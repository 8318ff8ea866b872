using System.Net;
using System.Text.Json;
using ActorChat.Testing;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;

namespace ActorChat.Realtime.Tests;

public sealed class FastHeartbeatServer : ServerFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorChat:ServerSentEvents:HeartbeatInterval"] = "00:00:00.5",
    };
}

/// <summary><c>GET /sse/{namespace}</c> with curl -N: a receive-only connection of the event model, in rooms named by the query.</summary>
public sealed class ServerSentEventsTests(FastHeartbeatServer fixture) : IClassFixture<FastHeartbeatServer>
{
    private ActorChatServer Server => fixture.Server;

    [Fact]
    public async Task A_curl_stream_joins_its_rooms_and_hears_what_other_transports_send_there()
    {
        var room = NewRoom();
        await using var stream = new CurlEventStream(Server.Http($"sse/chat?user=sse-reader&rooms={room},other-{room}"));
        var connect = await stream.NextEventAsync("connect");
        Assert.Equal("sse-reader", connect[0].GetProperty("user").GetString());
        await stream.NextEventAsync("presence", Presence(room, "sse-reader", "joined"));

        await using var socket = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=ws-writer"));
        var joined = await socket.EmitWithAckAsync("join", new { room });
        Assert.Equal(2, joined[0].GetProperty("members").GetInt32());
        await stream.NextEventAsync("presence", Presence(room, "ws-writer", "joined"));
        await socket.EmitWithAckAsync("chat message", new { room, text = "two\nlines" });
        var said = await stream.NextEventAsync("chat message");
        Assert.Equal("two\nlines", said[0].GetProperty("text").GetString());
        Assert.Equal("ws-writer", said[0].GetProperty("from").GetProperty("user").GetString());

        var members = await socket.EmitWithAckAsync("presence", new { room });
        Assert.Contains(members[0].GetProperty("users").EnumerateArray(), u => u.GetProperty("user").GetString() == "sse-reader");
        Assert.True(stream.Heartbeats > 0 || await HeartbeatWithinAsync(stream));
    }

    [Fact]
    public async Task Closing_the_stream_leaves_the_rooms()
    {
        var room = NewRoom();
        await using var socket = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=watcher"));
        await socket.EmitWithAckAsync("join", new { room });
        var stream = new CurlEventStream(Server.Http($"sse/chat?user=leaver&rooms={room}"));
        await socket.NextEventAsync("presence", Presence(room, "leaver", "joined"));
        await stream.DisposeAsync();
        await socket.NextEventAsync("presence", Presence(room, "leaver", "left"), TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData("sse/nowhere", HttpStatusCode.NotFound, "unknown_namespace")]
    [InlineData("sse/chat?user=%07", HttpStatusCode.BadRequest, "invalid_user")]
    [InlineData("sse/chat?rooms=a%07b", HttpStatusCode.BadRequest, "invalid_room_name")]
    public async Task A_refused_stream_gets_an_HTTP_status_and_a_JSON_reason_before_it_starts(string path, HttpStatusCode status, string code)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(Server.Http(path));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task The_stream_is_an_event_stream_that_proxies_do_not_buffer()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(Server.Http("sse?user=headers"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoCache);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        // The session's id comes first, alone, so that EventSource names the session when it reconnects.
        Assert.StartsWith("id: ", await reader.ReadLineAsync());
        Assert.Equal("", await reader.ReadLineAsync());
        Assert.Equal("event: connect", await reader.ReadLineAsync());
    }

    [Fact]
    public void Bad_options_are_named_in_one_sentence()
    {
        Assert.Equal("ActorChat:ServerSentEvents:HeartbeatInterval must be between 00:00:00.1 and 01:00:00; it is 00:00:00.",
            new ActorChat.WebFront.Transports.ServerSentEvents.ServerSentEventsOptions { HeartbeatInterval = TimeSpan.Zero }.Validate());
        Assert.Equal("ActorChat:ServerSentEvents:MaxRooms must be between 1 and 10000; it is 0.",
            new ActorChat.WebFront.Transports.ServerSentEvents.ServerSentEventsOptions { MaxRooms = 0 }.Validate());
    }

    internal static Func<JsonElement[], bool> Presence(string room, string user, string status) => args =>
        args[0].GetProperty("room").GetString() == room && args[0].GetProperty("user").GetString() == user && args[0].GetProperty("status").GetString() == status;

    private static async Task<bool> HeartbeatWithinAsync(CurlEventStream stream)
    {
        for (var i = 0; i < 100 && stream.Heartbeats == 0; i++) await Task.Delay(100);
        return stream.Heartbeats > 0;
    }
}
