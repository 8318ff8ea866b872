using System.Text.Json;
using ActorChat.Testing;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;

namespace ActorChat.Realtime.Tests;

/// <summary>
/// Raw WebSocket sessions: a client that dropped (no close handshake) and reconnects with <c>?session=TOKEN</c>
/// gets its rooms back and every room message it missed, in order and once, before anything new, and within the
/// presence grace nobody hears it left. Tokens that are not the client's own resume nothing and reveal nothing.
/// </summary>
public sealed class SessionRecoveryTests(ServerFixtureWithDefaults fixture) : IClassFixture<ServerFixtureWithDefaults>
{
    private ActorChatServer Server => fixture.Server;

    [Fact]
    public async Task A_dropped_client_resumes_with_its_offsets_gets_the_ten_it_missed_in_order_once_then_new_ones_and_nobody_saw_it_leave()
    {
        var room = NewRoom();
        var (alice, bob) = await TwoInRoomAsync(room);
        var token = alice.Session!;
        var seen = (await alice.NextFrameAsync(f => IsEvent(f, "message") && f.GetProperty("args")[0].GetString() == "bob has entered the room."))
            .GetProperty("offset").GetInt64();

        await alice.AbortAsync();
        for (var i = 1; i <= 10; i++) await bob.EmitWithAckAsync("chat", new { room, text = $"m{i}" });
        var members = (await bob.EmitWithAckAsync("presence", new { room }))[0];
        Assert.Contains("alice", members.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("user").GetString()));

        await using var back = await EnvelopeClient.ConnectAsync(Server.Ws($"ws/chat?user=alice&session={token}"));
        Assert.Equal(token, back.Session);
        await back.SendRawAsync(JsonSerializer.Serialize(new { @event = "resume", args = new[] { new { offsets = new Dictionary<string, long> { [room] = seen } } } }));
        var resumed = (await back.NextEventAsync("resumed"))[0];
        Assert.True(resumed.GetProperty("recovered").GetBoolean());
        Assert.Equal(10, resumed.GetProperty("missed").GetInt32());
        await bob.EmitWithAckAsync("chat", new { room, text = "new" });
        await back.NextEventAsync("chat", a => a[0].GetProperty("text").GetString() == "new");

        // Everything the resumed connection heard in the room, in the order it heard it: the ten, resumed, then the new one.
        var heard = back.Received.Where(f => IsEvent(f, "chat") || IsEvent(f, "resumed"))
            .Select(f => IsEvent(f, "resumed") ? "resumed" : f.GetProperty("args")[0].GetProperty("text").GetString()).ToArray();
        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => $"m{i}"), "resumed", "new"], heard);
        var offsets = back.Received.Where(f => IsEvent(f, "chat")).Select(f => f.GetProperty("offset").GetInt64()).ToArray();
        Assert.Equal(Enumerable.Range(1, 11).Select(i => seen + i), offsets);
        Assert.True(await bob.ReceivesNoneAsync("presence", TimeSpan.FromSeconds(6)), "within the presence grace nobody hears alice left or joined");
        members = (await bob.EmitWithAckAsync("presence", new { room }))[0];
        Assert.Equal(1, members.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("user").GetString() == "alice").GetProperty("connections").GetInt32());
        await bob.DisposeAsync();
    }

    [Fact]
    public async Task Without_a_resume_event_the_server_resumes_from_what_it_delivered()
    {
        var room = NewRoom();
        var (alice, bob) = await TwoInRoomAsync(room);
        await alice.NextEventAsync("message", a => a[0].GetString() == "bob has entered the room.");
        await alice.AbortAsync();
        // The front notices the drop and records what it delivered.
        await Task.Delay(500);
        for (var i = 1; i <= 3; i++) await bob.EmitWithAckAsync("chat", new { room, text = $"m{i}" });

        await using var back = await EnvelopeClient.ConnectAsync(Server.Ws($"ws/chat?user=alice&session={alice.Session}"));
        var resumed = (await back.NextEventAsync("resumed"))[0];
        Assert.True(resumed.GetProperty("recovered").GetBoolean());
        Assert.Equal(3, resumed.GetProperty("missed").GetInt32());
        Assert.Equal(["m1", "m2", "m3"], back.ReceivedEvents("chat").Select(a => a[0].GetProperty("text").GetString()));
        await bob.DisposeAsync();
    }

    public static TheoryData<string> ForeignTokens => new() { "unknown", "malformed", "bobs" };

    [Theory]
    [MemberData(nameof(ForeignTokens))]
    public async Task A_token_that_is_not_the_clients_own_gets_an_error_and_a_fresh_connection_with_nothing_of_the_session(string kind)
    {
        var room = NewRoom();
        await using var bob = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=bob"));
        await bob.EmitWithAckAsync("join", new { room });
        await bob.AbortAsync();
        var token = kind switch
        {
            "unknown" => "AAAAAAAAAAAAAAAAAAAAAA",
            "malformed" => "not a token!",
            _ => bob.Session!,
        };

        await using var eve = await EnvelopeClient.ConnectAsync(Server.Ws($"ws/chat?user=eve&session={Uri.EscapeDataString(token)}"));
        Assert.NotEqual(token, eve.Session);
        Assert.Equal("session_unknown", (await eve.NextEventAsync("error"))[0].GetProperty("code").GetString());
        var resumed = (await eve.NextEventAsync("resumed"))[0];
        Assert.False(resumed.GetProperty("recovered").GetBoolean());
        Assert.Equal(0, resumed.GetProperty("missed").GetInt32());
        Assert.DoesNotContain(room, string.Join("", eve.Received.Select(f => f.GetRawText())));

        // A fresh connection, usable as any: it joins a room of its own and hears it.
        var own = NewRoom();
        await eve.EmitWithAckAsync("join", new { room = own });
        await eve.NextEventAsync("message", a => a[0].GetString() == "eve has entered the room.");

        // Bob's session is still his.
        if (kind == "bobs")
        {
            await using var back = await EnvelopeClient.ConnectAsync(Server.Ws($"ws/chat?user=bob&session={token}"));
            Assert.True((await back.NextEventAsync("resumed"))[0].GetProperty("recovered").GetBoolean());
        }
    }

    [Fact]
    public async Task Bad_offsets_in_resume_get_an_error_and_the_server_resumes_from_what_it_delivered()
    {
        var room = NewRoom();
        var (alice, bob) = await TwoInRoomAsync(room);
        await alice.NextEventAsync("message", a => a[0].GetString() == "bob has entered the room.");
        await alice.AbortAsync();
        await Task.Delay(500);
        await bob.EmitWithAckAsync("chat", new { room, text = "missed" });

        await using var back = await EnvelopeClient.ConnectAsync(Server.Ws($"ws/chat?user=alice&session={alice.Session}"));
        await back.SendRawAsync("""{"event":"resume","args":[{"offsets":{"ROOM":-4}}]}""".Replace("ROOM", room));
        Assert.Equal("bad_argument", (await back.NextEventAsync("error"))[0].GetProperty("code").GetString());
        Assert.Equal(1, (await back.NextEventAsync("resumed"))[0].GetProperty("missed").GetInt32());
        Assert.Equal("missed", (await back.NextEventAsync("chat"))[0].GetProperty("text").GetString());
        await bob.DisposeAsync();
    }

    [Fact]
    public async Task A_client_that_closed_on_purpose_left_at_once_and_has_no_session_to_resume()
    {
        var room = NewRoom();
        var (alice, bob) = await TwoInRoomAsync(room);
        await alice.CloseAsync();
        // Alice's own "joined" may still reach bob (the room announces it while bob's join is under way): wait for "left".
        await bob.NextEventAsync("presence", a => a[0].GetProperty("user").GetString() == "alice" && a[0].GetProperty("status").GetString() == "left",
            TimeSpan.FromSeconds(3));

        await using var back = await EnvelopeClient.ConnectAsync(Server.Ws($"ws/chat?user=alice&session={alice.Session}"));
        Assert.Equal("session_unknown", (await back.NextEventAsync("error"))[0].GetProperty("code").GetString());
        Assert.False((await back.NextEventAsync("resumed"))[0].GetProperty("recovered").GetBoolean());
        await bob.DisposeAsync();
    }

    private async Task<(EnvelopeClient Alice, EnvelopeClient Bob)> TwoInRoomAsync(string room)
    {
        var alice = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=alice"));
        var bob = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=bob"));
        await alice.EmitWithAckAsync("join", new { room });
        await bob.EmitWithAckAsync("join", new { room });
        await bob.NextEventAsync("presence", a => a[0].GetProperty("user").GetString() == "bob");
        return (alice, bob);
    }

    internal static bool IsEvent(JsonElement frame, string name) => frame.TryGetProperty("event", out var e) && e.GetString() == name;
}

public sealed class ServerFixtureWithDefaults : ServerFixture;

public sealed class ShortSessionFixture : ServerFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorChat:Recovery:PresenceGrace"] = "00:00:01",
        ["ActorChat:Recovery:SessionWindow"] = "00:00:04",
    };
}

/// <summary>Past the presence grace a dropped client has left (and a resume joins again); past the session window its session is gone.</summary>
public sealed class SessionWindowTests(ShortSessionFixture fixture) : IClassFixture<ShortSessionFixture>
{
    [Fact]
    public async Task After_the_grace_the_room_hears_it_left_and_a_resume_within_the_window_joins_again_and_delivers_what_it_missed()
    {
        var room = NewRoom();
        await using var bob = await EnvelopeClient.ConnectAsync(fixture.Server.Ws("ws/chat?user=bob"));
        var alice = await EnvelopeClient.ConnectAsync(fixture.Server.Ws("ws/chat?user=alice"));
        await bob.EmitWithAckAsync("join", new { room });
        await alice.EmitWithAckAsync("join", new { room });
        await bob.NextEventAsync("presence", a => a[0].GetProperty("user").GetString() == "alice");
        await alice.AbortAsync();

        var left = (await bob.NextEventAsync("presence", a => a[0].GetProperty("user").GetString() == "alice", TimeSpan.FromSeconds(10)))[0];
        Assert.Equal("left", left.GetProperty("status").GetString());
        var members = (await bob.EmitWithAckAsync("presence", new { room }))[0];
        Assert.DoesNotContain("alice", members.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("user").GetString()));
        await bob.EmitWithAckAsync("chat", new { room, text = "while away" });

        await using var back = await EnvelopeClient.ConnectAsync(fixture.Server.Ws($"ws/chat?user=alice&session={alice.Session}"));
        var resumed = (await back.NextEventAsync("resumed"))[0];
        Assert.True(resumed.GetProperty("recovered").GetBoolean());
        Assert.Equal("while away", (await back.NextEventAsync("chat"))[0].GetProperty("text").GetString());
        var joined = (await bob.NextEventAsync("presence", a => a[0].GetProperty("user").GetString() == "alice"))[0];
        Assert.Equal("joined", joined.GetProperty("status").GetString());
        await alice.DisposeAsync();
    }

    [Fact]
    public async Task After_the_session_window_a_resume_gets_a_fresh_connection_with_no_rooms()
    {
        var room = NewRoom();
        await using var bob = await EnvelopeClient.ConnectAsync(fixture.Server.Ws("ws/chat?user=bob"));
        var alice = await EnvelopeClient.ConnectAsync(fixture.Server.Ws("ws/chat?user=alice"));
        await alice.EmitWithAckAsync("join", new { room });
        await bob.EmitWithAckAsync("join", new { room });
        await alice.AbortAsync();
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        await bob.EmitWithAckAsync("chat", new { room, text = "too late" });

        await using var back = await EnvelopeClient.ConnectAsync(fixture.Server.Ws($"ws/chat?user=alice&session={alice.Session}"));
        Assert.Equal("session_unknown", (await back.NextEventAsync("error"))[0].GetProperty("code").GetString());
        Assert.False((await back.NextEventAsync("resumed"))[0].GetProperty("recovered").GetBoolean());
        Assert.True(await back.ReceivesNoneAsync("chat", TimeSpan.FromMilliseconds(500)));
        var members = (await bob.EmitWithAckAsync("presence", new { room }))[0];
        Assert.DoesNotContain("alice", members.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("user").GetString()));
        await alice.DisposeAsync();
    }
}
