using System.Text.Json;
using ActorChat.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;

namespace ActorChat.Realtime.Tests;

/// <summary>
/// SignalR: the <c>connect</c> event names the session; after a drop, a new connection calls <c>Resume(session, offsets)</c>
/// and gets its rooms and what it missed; with stateful reconnect a blip on the same front loses nothing at all.
/// </summary>
public sealed class SignalRRecoveryTests(ServerFixtureWithDefaults fixture) : IClassFixture<ServerFixtureWithDefaults>
{
    private ActorChatServer Server => fixture.Server;

    [Fact]
    public async Task A_new_connection_resumes_a_dropped_ones_session_with_its_rooms_and_what_it_missed_in_order()
    {
        var room = NewRoom();
        await using var bob = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=bob"));
        await bob.EmitWithAckAsync("join", new { room });
        await bob.NextEventAsync("presence", a => a[0].GetProperty("user").GetString() == "bob");
        var dropped = await SignalRTestClient.ConnectAsync(Server, "/chat", "sr-alice", abortable: true);
        Assert.False(string.IsNullOrEmpty(dropped.Session));
        await dropped.Connection.InvokeAsync<object?[]>("EmitWithAck", "join", new object?[] { new { room } });
        await bob.NextEventAsync("presence", a => a[0].GetProperty("user").GetString() == "sr-alice");
        await dropped.NextEventAsync("message", a => a[0].GetString() == "sr-alice has entered the room.");
        dropped.AbortSocket();
        await Task.Delay(500);
        for (var i = 1; i <= 10; i++) await bob.EmitWithAckAsync("chat", new { room, text = $"m{i}" });
        var members = (await bob.EmitWithAckAsync("presence", new { room }))[0];
        Assert.Contains("sr-alice", members.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("user").GetString()));

        await using var back = await SignalRTestClient.ConnectAsync(Server, "/chat", "sr-alice");
        var answer = await back.Connection.InvokeAsync<JsonElement>("Resume", dropped.Session, new Dictionary<string, long>());
        Assert.True(answer.GetProperty("recovered").GetBoolean());
        Assert.Equal(10, answer.GetProperty("missed").GetInt32());
        await bob.EmitWithAckAsync("chat", new { room, text = "new" });
        var heard = new List<string?>();
        for (var i = 0; i < 11; i++) heard.Add((await back.NextEventAsync("chat"))[0].GetProperty("text").GetString());
        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => $"m{i}"), "new"], heard);
        Assert.True(await back.ReceivesNoneAsync("chat", TimeSpan.FromMilliseconds(300)), "nothing arrives twice");
        Assert.True(await bob.ReceivesNoneAsync("presence", TimeSpan.FromSeconds(6)), "within the grace nobody hears sr-alice left or joined");
        await dropped.DisposeAsync();
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not a token")]
    [InlineData(null)]
    public async Task A_token_that_resumes_nothing_gets_an_error_and_the_connection_stays_usable(string? token)
    {
        await using var eve = await SignalRTestClient.ConnectAsync(Server, "/chat", "sr-eve");
        var answer = await eve.Connection.InvokeAsync<JsonElement>("Resume", token, new Dictionary<string, long>());
        Assert.False(answer.GetProperty("recovered").GetBoolean());
        Assert.Equal(0, answer.GetProperty("missed").GetInt32());
        Assert.Equal("session_unknown", (await eve.NextEventAsync("error"))[0].GetProperty("code").GetString());
        var joined = await eve.Connection.InvokeAsync<object?[]>("EmitWithAck", "join", new object?[] { new { room = NewRoom() } });
        Assert.Single(joined);
    }

    [Fact]
    public async Task Another_users_session_is_refused_and_stays_its_owners()
    {
        var room = NewRoom();
        var owner = await SignalRTestClient.ConnectAsync(Server, "/chat", "sr-owner", abortable: true);
        await owner.Connection.InvokeAsync<object?[]>("EmitWithAck", "join", new object?[] { new { room } });
        owner.AbortSocket();
        await Task.Delay(500);

        await using var thief = await SignalRTestClient.ConnectAsync(Server, "/chat", "sr-thief");
        Assert.False((await thief.Connection.InvokeAsync<JsonElement>("Resume", owner.Session, new Dictionary<string, long>())).GetProperty("recovered").GetBoolean());
        Assert.Equal("session_unknown", (await thief.NextEventAsync("error"))[0].GetProperty("code").GetString());

        await using var back = await SignalRTestClient.ConnectAsync(Server, "/chat", "sr-owner");
        Assert.True((await back.Connection.InvokeAsync<JsonElement>("Resume", owner.Session, new Dictionary<string, long>())).GetProperty("recovered").GetBoolean());
        await owner.DisposeAsync();
    }

    [Fact]
    public async Task With_stateful_reconnect_a_cut_socket_loses_nothing_and_keeps_its_connection()
    {
        var room = NewRoom();
        await using var bob = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=bob"));
        await bob.EmitWithAckAsync("join", new { room });
        await bob.NextEventAsync("presence", a => a[0].GetProperty("user").GetString() == "bob");
        await using var alice = await SignalRTestClient.ConnectAsync(Server, "/chat", "sr-stateful", statefulReconnect: true, abortable: true);
        await alice.Connection.InvokeAsync<object?[]>("EmitWithAck", "join", new object?[] { new { room } });
        await bob.NextEventAsync("presence", a => a[0].GetProperty("user").GetString() == "sr-stateful");
        var id = alice.Connection.ConnectionId;

        alice.AbortSocket();
        for (var i = 1; i <= 10; i++) await bob.EmitWithAckAsync("chat", new { room, text = $"m{i}" });
        var heard = new List<string?>();
        for (var i = 0; i < 10; i++) heard.Add((await alice.NextEventAsync("chat"))[0].GetProperty("text").GetString());
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"m{i}"), heard);
        Assert.True(await alice.ReceivesNoneAsync("chat", TimeSpan.FromMilliseconds(300)), "nothing arrives twice");
        Assert.Equal(id, alice.Connection.ConnectionId);
        Assert.True(await bob.ReceivesNoneAsync("presence", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_long_polling_client_that_stops_leaves_its_room_at_once()
    {
        var room = NewRoom();
        await using var bob = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=bob"));
        await bob.EmitWithAckAsync("join", new { room });
        await using var poller = new HubConnectionBuilder()
            .WithUrl(Server.Http("hubs/chat?namespace=%2Fchat&user=sr-poller"), HttpTransportType.LongPolling).Build();
        await poller.StartAsync();
        await poller.InvokeAsync<object?[]>("EmitWithAck", "join", new object?[] { new { room } });
        await bob.NextEventAsync("presence", a => a[0].GetProperty("user").GetString() == "sr-poller");

        await poller.StopAsync();
        // No WebSocket to watch: a stop is a clean end, and the room hears it at once, not after the presence grace.
        await bob.NextEventAsync("presence", a => a[0].GetProperty("user").GetString() == "sr-poller" && a[0].GetProperty("status").GetString() == "left",
            TimeSpan.FromSeconds(3));
    }
}
