using System.Text.Json;
using ActorChat.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;
using static ActorChat.Cluster.Tests.Clients;

namespace ActorChat.Cluster.Tests;

/// <summary>
/// Two silos, two fronts and Redis with short recovery times, so that windows pass within a test: sessions wait
/// 16 seconds, a dropped client stays in its rooms 2 seconds, fronts renew their sessions every second. Silos log
/// each room grain they activate, so a test can kill the silo that holds a room.
/// </summary>
/// <remarks>
/// The session window must outlast what follows a front's death: the room's first emits are acknowledged only once
/// the dead front's lease has ended (measured: 6 to 9 seconds with the default 6-second lease), and a client resuming
/// after them must still find its session. At 8 seconds it sometimes did not.
/// </remarks>
public sealed class ShortRecoveryCluster : TwoSilosTwoFronts
{
    public static readonly TimeSpan SessionWindow = TimeSpan.FromSeconds(16);
    public static readonly TimeSpan PresenceGrace = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(1);

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorChat__Recovery__SessionWindow"] = SessionWindow.ToString(),
        ["ActorChat__Recovery__PresenceGrace"] = PresenceGrace.ToString(),
        ["ActorChat__Recovery__SessionRenewalInterval"] = Renewal.ToString(),
        ["Logging__LogLevel__ActorChat.Grains.Realtime.RoomGrain"] = "Debug",
    };
}

/// <summary>
/// Recovery across processes where it stops: past the session window, after a room lost its history with its silo,
/// and after a front was killed under a client that gives no offsets.
/// </summary>
public sealed class RecoveryClusterTests(ShortRecoveryCluster fixture) : IClassFixture<ShortRecoveryCluster>, IAsyncLifetime
{
    private LocalCluster Cluster => fixture.Cluster;
    private ServerProcess FrontA => fixture.FrontA;
    private ServerProcess FrontB => fixture.FrontB;

    public ValueTask InitializeAsync() => new(fixture.HealAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Back_on_the_other_front_after_the_session_window_a_client_is_a_fresh_connection_and_the_room_saw_it_leave_after_the_grace()
    {
        var room = Unique("expired");
        await using var bob = await WebSocketAsync(FrontB, Unique("bob"));
        var alice = await WebSocketAsync(FrontA, Unique("alice"));
        await bob.EmitWithAckAsync("join", new { room });
        await alice.EmitWithAckAsync("join", new { room });
        await bob.NextEventAsync("presence", Presence(room, alice.User, "joined"));

        await alice.AbortAsync();
        var dropped = DateTime.UtcNow;
        await bob.NextEventAsync("presence", Presence(room, alice.User, "left"), TimeSpan.FromSeconds(15));
        Assert.InRange(DateTime.UtcNow - dropped, ShortRecoveryCluster.PresenceGrace, TimeSpan.FromSeconds(15));
        Assert.Equal([bob.User], await MembersAsync(FrontB, room));
        // The window counts from when the front saw the drop, a moment after the abort: a margin for a loaded machine.
        await Task.Delay(ShortRecoveryCluster.SessionWindow + TimeSpan.FromSeconds(3) - (DateTime.UtcNow - dropped));
        await bob.EmitWithAckAsync("chat", new { room, text = "too late" });

        await using var back = await EnvelopeClient.ConnectAsync(FrontB.Ws($"ws/chat?user={alice.User}&session={alice.Session}"));
        Assert.Equal("session_unknown", (await back.NextEventAsync("error"))[0].GetProperty("code").GetString());
        var resumed = (await back.NextEventAsync("resumed"))[0];
        Assert.False(resumed.GetProperty("recovered").GetBoolean());
        Assert.Equal(0, resumed.GetProperty("missed").GetInt32());
        Assert.NotEqual(alice.Session, back.Session);
        // In no room: nothing of the room reaches it, and the room does not list the user.
        await bob.EmitWithAckAsync("chat", new { room, text = "still here?" });
        Assert.True(await back.ReceivesNoneAsync("chat", TimeSpan.FromSeconds(1)));
        Assert.Equal([bob.User], await MembersAsync(FrontA, room));
        await alice.DisposeAsync();
    }

    [Fact]
    public async Task After_the_silo_holding_the_room_is_killed_a_resuming_client_is_told_it_was_not_recovered_gets_the_room_back_and_reads_its_new_history()
    {
        var room = Unique("epoch");
        await using var bob = await WebSocketAsync(FrontA, Unique("bob"));
        var alice = await WebSocketAsync(FrontB, Unique("alice"));
        await alice.EmitWithAckAsync("join", new { room });
        await bob.EmitWithAckAsync("join", new { room });
        for (var i = 1; i <= 2; i++) await bob.EmitWithAckAsync("chat", new { room, text = $"before {i}" });
        var seen = (await alice.NextFrameAsync(f => IsChat(f, "before 2"))).GetProperty("offset").GetInt64();
        var epoch = (await HistoryAsync(FrontA, room)).GetProperty("epoch").GetString();

        // The silo that activated the room says so in its log (which may reach us a moment after the join's ack).
        ServerProcess? host = null;
        await EventuallyAsync(TimeSpan.FromSeconds(5), () => Task.FromResult(
            (host = Cluster.Silos.SingleOrDefault(s => s.Output.Contains($"room /chat#{room} activated", StringComparison.Ordinal))) is not null));
        host!.Kill();
        // The room comes back on the other silo, rebuilt from the fronts, with a new epoch and none of its history.
        await EventuallyAsync(TimeSpan.FromSeconds(30), async () =>
            (await HistoryAsync(FrontA, room)).GetProperty("epoch").GetString() != epoch
            && (await MembersAsync(FrontA, room)).SequenceEqual(new[] { alice.User, bob.User }.Order()), () => Cluster.Logs);

        await alice.AbortAsync();
        // The front notices the drop and records where alice stood: offsets of the old epoch.
        await Task.Delay(1000);
        // More messages than alice had seen, so that her old offset lies inside the new epoch's numbers.
        var sent = Enumerable.Range(1, (int)seen + 2).Select(i => $"after {i}").ToList();
        foreach (var text in sent) await bob.EmitWithAckAsync("chat", new { room, text });

        await using var back = await EnvelopeClient.ConnectAsync(FrontA.Ws($"ws/chat?user={alice.User}&session={alice.Session}"));
        Assert.Equal(alice.Session, back.Session);
        var resumed = (await back.NextEventAsync("resumed"))[0];
        Assert.False(resumed.GetProperty("recovered").GetBoolean(), $"Resumed {resumed} although the room's history began again.");
        // Its room is back: new messages arrive, the room lists it, and it may read the new epoch's history.
        await bob.EmitWithAckAsync("chat", new { room, text = "welcome back" });
        await back.NextEventAsync("chat", Text("welcome back"));
        Assert.Contains(alice.User, await MembersAsync(FrontB, room));
        var history = (await back.EmitWithAckAsync("history", new { room }))[0];
        Assert.NotEqual(epoch, history.GetProperty("epoch").GetString());
        Assert.Equal([.. sent, "welcome back"], history.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("event").GetString() == "chat").Select(m => m.GetProperty("args")[0].GetProperty("text").GetString()));
        await alice.DisposeAsync();
    }

    [Fact]
    public async Task After_a_kill_of_its_front_a_signalr_client_resuming_with_no_offsets_misses_nothing_in_order_and_gets_nothing_before_the_last_renewal_again()
    {
        var room = Unique("renewed");
        await using var bob = await WebSocketAsync(FrontA, Unique("bob"));
        await using var alice = await SignalRAsync(FrontB, Unique("alice"));
        await alice.Connection.InvokeAsync<object?[]>("EmitWithAck", "join", new object?[] { new { room } });
        await bob.EmitWithAckAsync("join", new { room });
        for (var i = 1; i <= 5; i++) await bob.EmitWithAckAsync("chat", new { room, text = $"had {i}" });
        for (var i = 1; i <= 5; i++) await alice.NextEventAsync("chat", Text($"had {i}"));
        // Renewals report what the connection had been handed one renewal earlier: two of them say alice had all five.
        await Task.Delay(ShortRecoveryCluster.Renewal * 3.5);

        FrontB.Kill();
        for (var i = 1; i <= 3; i++) await bob.EmitWithAckAsync("chat", new { room, text = $"missed {i}" });

        await using var back = await SignalRAsync(FrontA, alice.User);
        var answer = await back.Connection.InvokeAsync<JsonElement>("Resume", alice.Session, new Dictionary<string, long>());
        Assert.True(answer.GetProperty("recovered").GetBoolean(), $"Resume answered {answer}\n{Cluster.Logs}");
        await bob.EmitWithAckAsync("chat", new { room, text = "new" });
        var heard = new List<string?>();
        for (var i = 0; i < 4; i++) heard.Add((await back.NextEventAsync("chat"))[0].GetProperty("text").GetString());
        Assert.Equal(["missed 1", "missed 2", "missed 3", "new"], heard);
        Assert.True(await back.ReceivesNoneAsync("chat", TimeSpan.FromMilliseconds(500)), "nothing arrives twice");
        Assert.Equal(3, answer.GetProperty("missed").GetInt32());
    }
}
