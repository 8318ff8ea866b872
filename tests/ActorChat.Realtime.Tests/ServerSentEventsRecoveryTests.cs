using ActorChat.Testing;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;
using static ActorChat.Realtime.Tests.ServerSentEventsTests;

namespace ActorChat.Realtime.Tests;

/// <summary>
/// Server-Sent Events streams resume with <c>Last-Event-ID</c> (curl sends the header as EventSource does when it
/// reconnects): the id names the session and the last room message, and a bad one costs nothing but a fresh stream.
/// </summary>
public sealed class ServerSentEventsRecoveryTests(ServerFixtureWithDefaults fixture) : IClassFixture<ServerFixtureWithDefaults>
{
    private ActorChatServer Server => fixture.Server;

    [Fact]
    public async Task A_stream_reconnecting_with_its_last_event_id_gets_its_rooms_and_what_it_missed_then_new_messages()
    {
        var room = NewRoom();
        var user = "sse-" + Guid.NewGuid().ToString("N")[..8];
        await using var sender = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=sse-sender"));
        await sender.EmitWithAckAsync("join", new { room });
        await sender.NextEventAsync("presence", Presence(room, "sse-sender", "joined"));
        var stream = new CurlEventStream(Server.Http($"sse/chat?user={user}&rooms={room}"));
        var session = (await stream.NextEventAsync("connect"))[0].GetProperty("session").GetString()!;
        await sender.NextEventAsync("presence", Presence(room, user, "joined"));
        await sender.EmitWithAckAsync("chat message", new { room, text = "m0" });
        await stream.NextEventAsync("chat message", Text("m0"));
        var lastEventId = stream.LastEventId!;
        Assert.StartsWith($"{session}:{room}:", lastEventId);
        await stream.DisposeAsync();

        for (var i = 1; i <= 5; i++) await sender.EmitWithAckAsync("chat message", new { room, text = $"m{i}" });
        await using var back = new CurlEventStream(Server.Http($"sse/chat?user={user}&rooms={room}"), lastEventId);
        Assert.Equal(session, (await back.NextEventAsync("connect"))[0].GetProperty("session").GetString());
        for (var i = 1; i <= 5; i++) await back.NextEventAsync("chat message", Text($"m{i}"));
        var resumed = (await back.NextEventAsync("resumed"))[0];
        Assert.True(resumed.GetProperty("recovered").GetBoolean());
        Assert.Equal(5, resumed.GetProperty("missed").GetInt32());
        await sender.EmitWithAckAsync("chat message", new { room, text = "after" });
        await back.NextEventAsync("chat message", Text("after"));
        Assert.True(await sender.ReceivesNoneAsync("presence", TimeSpan.FromSeconds(1)), "a resume within the grace is neither left nor joined");
    }

    public static TheoryData<string> BadIds => new("AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA:room:7", "not a session", "::", "x:y:z:-1");

    [Theory, MemberData(nameof(BadIds))]
    public async Task A_last_event_id_that_resumes_nothing_gets_session_unknown_and_a_fresh_stream(string lastEventId)
    {
        var room = NewRoom();
        await using var stream = new CurlEventStream(Server.Http($"sse/chat?user=sse-fresh&rooms={room}"), lastEventId);
        var connect = (await stream.NextEventAsync("connect"))[0];
        Assert.NotEqual(lastEventId, connect.GetProperty("session").GetString());
        Assert.Equal("session_unknown", (await stream.NextEventAsync("error"))[0].GetProperty("code").GetString());
        var resumed = (await stream.NextEventAsync("resumed"))[0];
        Assert.False(resumed.GetProperty("recovered").GetBoolean());
        // The URL's rooms are joined after the answer to the id: wait until the stream is in its room.
        await stream.NextEventAsync("presence", Presence(room, "sse-fresh", "joined"));
        await using var sender = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=sse-sender"));
        await sender.EmitWithAckAsync("chat message", new { room, text = "still works" });
        await stream.NextEventAsync("chat message", Text("still works"));
    }

    [Fact]
    public async Task Another_users_last_event_id_reveals_nothing_of_their_rooms()
    {
        var (secret, open) = (NewRoom(), NewRoom());
        var owner = new CurlEventStream(Server.Http($"sse/chat?user=sse-owner&rooms={secret}"));
        await owner.NextEventAsync("connect");
        // The URL's rooms are joined after `connect`: wait until the stream is in its room.
        await owner.NextEventAsync("presence", Presence(secret, "sse-owner", "joined"));
        await using var sender = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=sse-sender"));
        await sender.EmitWithAckAsync("chat message", new { room = secret, text = "private" });
        await owner.NextEventAsync("chat message", Text("private"));
        var stolen = owner.LastEventId!;
        await owner.DisposeAsync();

        await using var thief = new CurlEventStream(Server.Http($"sse/chat?user=sse-thief&rooms={open}"), stolen);
        Assert.Equal("session_unknown", (await thief.NextEventAsync("error"))[0].GetProperty("code").GetString());
        await thief.NextEventAsync("presence", Presence(open, "sse-thief", "joined"));
        await sender.EmitWithAckAsync("chat message", new { room = secret, text = "more private" });
        await sender.EmitWithAckAsync("chat message", new { room = open, text = "public" });
        await thief.NextEventAsync("chat message", Text("public"));
        Assert.True(await thief.ReceivesNoneAsync("chat message", Text("more private"), TimeSpan.FromSeconds(1)));
        Assert.True(await thief.ReceivesNoneAsync("chat message", Text("private"), TimeSpan.FromMilliseconds(100)));
    }
}
