using System.Net.WebSockets;
using ActorChat.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;
using static ActorChat.Cluster.Tests.Clients;

namespace ActorChat.Cluster.Tests;

/// <summary>Two silos, two fronts and Redis, each its own process, shared by the tests of one class.</summary>
public class TwoSilosTwoFronts : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;
    public NodeClients Node { get; } = new();

    public ServerProcess FrontA => Cluster.Fronts[0];
    public ServerProcess FrontB => Cluster.Fronts[1];

    public async ValueTask InitializeAsync()
    {
        await Node.InitializeAsync();
        Cluster = await LocalCluster.StartAsync(silos: 2, fronts: 2, Settings);
    }

    /// <summary>Environment variables every process gets on top of the cluster's own.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Brings every process back (a test may have killed or paused one) and waits until all are ready.</summary>
    public async Task HealAsync()
    {
        foreach (var process in Cluster.All.Where(p => p.HasExited)) await process.RestartAsync();
        await Task.WhenAll(Cluster.All.Select(p => p.WaitReadyAsync()));
    }
}

/// <summary>The cluster's required results: shared rooms across fronts, fan-out, and what survives a dead front or silo.</summary>
public sealed partial class ClusterTests(TwoSilosTwoFronts fixture) : IClassFixture<TwoSilosTwoFronts>, IAsyncLifetime
{
    private LocalCluster Cluster => fixture.Cluster;
    private ServerProcess FrontA => fixture.FrontA;
    private ServerProcess FrontB => fixture.FrontB;

    public ValueTask InitializeAsync() => new(fixture.HealAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Clients_of_all_three_transports_on_different_fronts_share_a_room_and_pushes_cross_fronts()
    {
        var room = Unique("shared");
        await using var ws = await WebSocketAsync(FrontA, Unique("ws-user"));
        await using var signalR = await SignalRAsync(FrontB, Unique("signalr-user"), "dm", "news");
        await using var socketIO = await SocketIOAsync(fixture.Node, FrontB, Unique("sio-user"));
        await ws.EmitWithAckAsync("join", new { room });
        await signalR.Connection.InvokeAsync<object?[]>("EmitWithAck", "join", new object?[] { new { room } });
        await socketIO.EmitWithAckAsync("join", new { room });

        await ws.EmitWithAckAsync("chat", new { room, text = "from ws" });
        await signalR.NextEventAsync("chat", Text("from ws"));
        await socketIO.NextEventAsync("chat", Text("from ws"));

        await socketIO.EmitWithAckAsync("chat", new { room, text = "from socket.io" });
        await ws.NextEventAsync("chat", Text("from socket.io"));
        await signalR.NextEventAsync("chat", Text("from socket.io"));

        await signalR.Connection.InvokeAsync<object?[]>("EmitWithAck", "chat", new object?[] { new { room, text = "from signalr" } });
        await ws.NextEventAsync("chat", Text("from signalr"));
        await socketIO.NextEventAsync("chat", Text("from signalr"));

        // To a user, to a connection id, and to the whole namespace over HTTP, each from the other front.
        await ws.EmitWithAckAsync("dm", new { to = signalR.User, text = "to your user" });
        await signalR.NextEventAsync("dm", Text("to your user"));
        await socketIO.EmitWithAckAsync("dm", new { sid = ws.Sid, text = "to your connection" });
        await ws.NextEventAsync("dm", Text("to your connection"));
        await PushAsync(FrontA, "news", null, new { text = "to everyone" });
        await ws.NextEventAsync("news", Text("to everyone"));
        await signalR.NextEventAsync("news", Text("to everyone"));
        await socketIO.NextEventAsync("news", Text("to everyone"));
    }

    [Fact]
    public async Task A_room_broadcast_is_one_delivery_per_front_not_one_per_member()
    {
        var room = Unique("fanout");
        var onA = new List<EnvelopeClient>();
        try
        {
            for (var i = 0; i < 20; i++) onA.Add(await WebSocketAsync(FrontA, Unique($"a{i}")));
            await using var onB = await WebSocketAsync(FrontB, Unique("b"));
            foreach (var client in onA.Append(onB)) await client.EmitWithAckAsync("join", new { room });
            // Presence announcements are room deliveries too: let them all land before counting.
            await EventuallyAsync(TimeSpan.FromSeconds(10), () => Task.FromResult(onA[0].ReceivedEvents("presence").Count() == 21));
            await Task.Delay(500);
            var before = await FrontA.MetricAsync("actorchat_front_deliveries_total", "scope=\"room\"");

            for (var i = 0; i < 30; i++) await PushAsync(FrontB, "tick", new { room }, new { text = $"tick {i}" });

            await EventuallyAsync(TimeSpan.FromSeconds(15), () => Task.FromResult(
                onA.Append(onB).All(c => c.ReceivedEvents("tick").Count() == 30)));
            var after = await FrontA.MetricAsync("actorchat_front_deliveries_total", "scope=\"room\"");
            Assert.True(after - before == 30, $"Front A took {after - before} room deliveries ({before} → {after}); its metrics:\n{await MetricsTextAsync(FrontA)}");
        }
        finally
        {
            foreach (var client in onA) await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_killed_front_is_gone_from_rooms_users_and_presence_within_ten_seconds_and_delays_no_delivery_to_others()
    {
        var room = Unique("kill-front");
        await using var survivor = await WebSocketAsync(FrontA, Unique("survivor"));
        await using var listener = await WebSocketAsync(FrontA, Unique("listener"));
        var doomed = await WebSocketAsync(FrontB, Unique("doomed"));
        foreach (var client in new[] { survivor, listener, doomed }) await client.EmitWithAckAsync("join", new { room });
        Assert.Equal(new[] { doomed.User, listener.User, survivor.User }.Order(), await MembersAsync(FrontA, room));

        FrontB.Kill();
        var killed = DateTime.UtcNow;

        // The room waits for the dead front's answer until its lease ends before it acknowledges; the living hear it at once.
        var acknowledged = EmitOrErrorAsync(survivor, "chat", new { room, text = "while it dies" });
        await listener.NextEventAsync("chat", Text("while it dies"), TimeSpan.FromSeconds(2));
        Assert.Equal("ok", await acknowledged);

        await survivor.NextEventAsync("presence", Presence(room, doomed.User, "left"), TimeSpan.FromSeconds(10));
        Assert.InRange(DateTime.UtcNow - killed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { listener.User, survivor.User }.Order(), await MembersAsync(FrontA, room));
        // The user's grain may live on the other silo, which drops the dead front on its own next check.
        await EventuallyAsync(TimeSpan.FromSeconds(10) - (DateTime.UtcNow - killed), async () => (await ConnectionsOfAsync(FrontA, doomed.User)).Length == 0);
    }

    [Fact]
    public async Task A_paused_front_is_dropped_then_comes_back_with_its_clients_without_them_reconnecting()
    {
        var room = Unique("pause-front");
        await using var awake = await WebSocketAsync(FrontA, Unique("awake"));
        await using var sleeper = await WebSocketAsync(FrontB, Unique("sleeper"));
        await awake.EmitWithAckAsync("join", new { room });
        await sleeper.EmitWithAckAsync("join", new { room });
        // Taken now, so that the wait for the sleeper's "joined" after the pause cannot match this one.
        await awake.NextEventAsync("presence", Presence(room, sleeper.User, "joined"));

        FrontB.Pause();
        var paused = DateTime.UtcNow;
        try
        {
            await awake.NextEventAsync("presence", Presence(room, sleeper.User, "left"), TimeSpan.FromSeconds(10));
            Assert.Equal([awake.User], await MembersAsync(FrontA, room));
            var rest = TimeSpan.FromSeconds(10) - (DateTime.UtcNow - paused);
            if (rest > TimeSpan.Zero) await Task.Delay(rest);
        }
        finally
        {
            FrontB.Resume();
        }
        var resumed = DateTime.UtcNow;

        await awake.NextEventAsync("presence", Presence(room, sleeper.User, "joined"), TimeSpan.FromSeconds(10));
        await EventuallyAsync(TimeSpan.FromSeconds(10) - (DateTime.UtcNow - resumed), async () =>
            (await MembersAsync(FrontA, room)).SequenceEqual(new[] { awake.User, sleeper.User }.Order()));
        await sleeper.EmitWithAckAsync("chat", new { room, text = "I was asleep" });
        await awake.NextEventAsync("chat", Text("I was asleep"));
        await awake.EmitWithAckAsync("chat", new { room, text = "welcome back" });
        await sleeper.NextEventAsync("chat", Text("welcome back"));
        Assert.Equal(WebSocketState.Open, sleeper.State);
        Assert.True(await FrontB.MetricAsync("actorchat_resyncs_total") >= 1);
    }

    [Fact]
    public async Task After_a_silo_is_killed_broadcasts_pushes_and_members_are_whole_again_within_fifteen_seconds()
    {
        var rooms = Enumerable.Range(0, 4).Select(i => Unique($"silo-loss-{i}")).ToArray();
        var members = new List<EnvelopeClient>();
        try
        {
            foreach (var room in rooms)
                for (var i = 0; i < 2; i++)
                {
                    var client = await WebSocketAsync(i == 0 ? FrontA : FrontB, Unique($"{room}-m{i}"));
                    await client.EmitWithAckAsync("join", new { room });
                    members.Add(client);
                }
            await using var signalR = await SignalRAsync(FrontB, Unique("signalr-user"), "dm");
            var sids = members.Select(m => m.Sid).ToList();

            Cluster.Silos[1].Kill();
            var killed = DateTime.UtcNow;

            var round = 0;
            var took = await EventuallyAsync(TimeSpan.FromSeconds(15), async () =>
            {
                round++;
                for (var r = 0; r < rooms.Length; r++)
                {
                    var (sender, receiver) = (members[r * 2], members[r * 2 + 1]);
                    var text = $"round {round} room {r}";
                    var answer = await EmitOrErrorAsync(sender, "chat", new { room = rooms[r], text });
                    if (answer != "ok") return false;
                    await receiver.NextEventAsync("chat", Text(text), TimeSpan.FromSeconds(3));
                    var inRoom = await MembersAsync(FrontA, rooms[r]);
                    if (!inRoom.SequenceEqual(new[] { sender.User, receiver.User }.Order())) return false;
                }
                if (await EmitOrErrorAsync(members[0], "dm", new { to = signalR.User, text = $"dm {round}" }) != "ok") return false;
                await signalR.NextEventAsync("dm", Text($"dm {round}"), TimeSpan.FromSeconds(3));
                return true;
            }, () => Cluster.Logs);

            Assert.InRange(took, TimeSpan.Zero, TimeSpan.FromSeconds(15));
            // Nobody reconnected: the same sockets, the same connection ids.
            Assert.All(members, m => Assert.Equal(WebSocketState.Open, m.State));
            Assert.Equal(sids, members.Select(m => m.Sid));
            Assert.Equal(HubConnectionState.Connected, signalR.Connection.State);
        }
        finally
        {
            foreach (var member in members) await member.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_rolling_restart_of_both_silos_under_load_fails_no_emit_loses_no_message_and_disconnects_nobody()
    {
        const int rooms = 4;
        var senders = new List<EnvelopeClient>();
        var receivers = new List<EnvelopeClient>();
        try
        {
            for (var r = 0; r < rooms; r++)
            {
                var room = $"rolling-{r}-{Guid.NewGuid():N}";
                var sender = await WebSocketAsync(r % 2 == 0 ? FrontA : FrontB, Unique($"sender{r}"));
                var receiver = await WebSocketAsync(r % 2 == 0 ? FrontB : FrontA, Unique($"receiver{r}"));
                await sender.EmitWithAckAsync("join", new { room });
                await receiver.EmitWithAckAsync("join", new { room });
                senders.Add(sender);
                receivers.Add(receiver);
            }

            using var stop = new CancellationTokenSource();
            var load = senders.Select((sender, r) => SendEveryAsync(sender, $"rolling-{r}", TimeSpan.FromMilliseconds(200), stop.Token)).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await RestartSilosInTurnAsync(pause: TimeSpan.FromSeconds(2));
            await stop.CancelAsync();
            var outcomes = (await Task.WhenAll(load)).SelectMany(o => o).ToList();
            await Task.Delay(TimeSpan.FromSeconds(2));

            var acknowledged = outcomes.Where(o => o.Answer == "ok").ToList();
            var errors = outcomes.Count(o => o.Answer != "ok");
            Assert.True(outcomes.Count > 100, $"Only {outcomes.Count} messages were sent.");
            // A grain that moves fails the emits it holds at once, and their fronts try them again on its next activation.
            Assert.True(errors == 0, $"{errors} of {outcomes.Count} emits failed: {string.Join(", ", outcomes.Where(o => o.Answer != "ok").Select(o => o.Answer).Distinct())}\n{Cluster.Logs}");
            for (var r = 0; r < rooms; r++)
            {
                var heard = receivers[r].ReceivedEvents("chat").Select(a => a[0].GetProperty("text").GetString()!).ToList();
                Assert.Equal(heard.Count, heard.Distinct().Count());
                var missing = acknowledged.Where(o => o.Text.StartsWith($"rolling-{r} ", StringComparison.Ordinal)).Select(o => o.Text).Except(heard).ToList();
                Assert.True(missing.Count == 0, $"Room {r} lost {missing.Count} acknowledged messages, first {missing.FirstOrDefault()}\n{Cluster.Logs}");
            }
            Assert.All(senders.Concat(receivers), c => Assert.Equal(WebSocketState.Open, c.State));
        }
        finally
        {
            foreach (var client in senders.Concat(receivers)) await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_a_rolling_restart_of_both_silos_a_dropped_client_resumes_its_session_with_the_rooms_history_unbroken()
    {
        var room = Unique("handed-over");
        await using var bob = await WebSocketAsync(FrontB, Unique("bob"));
        var alice = await WebSocketAsync(FrontA, Unique("alice"));
        await bob.EmitWithAckAsync("join", new { room });
        await alice.EmitWithAckAsync("join", new { room });
        await bob.EmitWithAckAsync("chat", new { room, text = "seen" });
        var seen = await alice.NextFrameAsync(f => IsChat(f, "seen"));
        var epoch = (await alice.EmitWithAckAsync("history", new { room }))[0].GetProperty("epoch").GetString();
        await alice.AbortAsync();

        await bob.EmitWithAckAsync("chat", new { room, text = "before the restarts" });
        // Each silo in turn: its room and session grains move to the other, with their state, before it stops.
        await RestartSilosInTurnAsync(pause: TimeSpan.Zero);
        Assert.Equal("ok", await EmitOrErrorAsync(bob, "chat", new { room, text = "after the restarts" }));

        await using var back = await EnvelopeClient.ConnectAsync(FrontB.Ws($"ws/chat?user={alice.User}&session={alice.Session}"));
        Assert.True(alice.Session == back.Session, $"The session was not found again: {string.Join(" ", back.Received)}\n{Cluster.Logs}");
        await back.EmitAsync("resume", new { offsets = new Dictionary<string, long> { [room] = seen.GetProperty("offset").GetInt64() } });
        var resumed = (await back.NextEventAsync("resumed"))[0];
        Assert.True(resumed.GetProperty("recovered").GetBoolean(), $"Resumed {resumed}\n{Cluster.Logs}");
        var missed = back.ReceivedEvents("chat").Select(a => a[0].GetProperty("text").GetString()).ToList();
        Assert.Equal(["before the restarts", "after the restarts"], missed);
        Assert.Equal(epoch, (await back.EmitWithAckAsync("history", new { room }))[0].GetProperty("epoch").GetString());
        await alice.DisposeAsync();
    }

    [Fact]
    public async Task Every_process_answers_health_readiness_metrics_and_a_guarded_dashboard_that_shows_every_silo()
    {
        foreach (var process in Cluster.All)
        {
            var (status, report) = await process.ReadinessAsync();
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
            Assert.Equal("ready", report!.Value.GetProperty("status").GetString());
            Assert.False(report.Value.GetProperty("draining").GetBoolean());
            var (healthy, _) = await process.ReadinessAsync("healthz");
            Assert.Equal(System.Net.HttpStatusCode.OK, healthy);
        }
        var silo = (await Cluster.Silos[0].ReadinessAsync()).Report!.Value;
        Assert.Equal("Silo", silo.GetProperty("role").GetString());
        Assert.EndsWith("Active", silo.GetProperty("silo").GetString());
        var front = (await FrontA.ReadinessAsync()).Report!.Value;
        Assert.Equal("Front", front.GetProperty("role").GetString());
        Assert.Equal(8, front.GetProperty("frontId").GetString()!.Length);
        Assert.True(front.GetProperty("gateways").GetInt32() >= 1);
        Assert.InRange(front.GetProperty("leaseAgeMs").GetInt64(), 0, 6000);

        await using (var client = await WebSocketAsync(FrontA, Unique("counted")))
            Assert.True(await FrontA.MetricAsync("actorchat_connections", "transport=\"websocket\"") >= 1);
        foreach (var name in new[] { "actorchat_events_received_total", "actorchat_front_deliveries_total", "actorchat_socket_sends_total", "actorchat_resyncs_total" })
            Assert.Contains(name, await MetricsTextAsync(FrontA));
        foreach (var name in new[] { "actorchat_fanout_calls_total", "actorchat_ghost_connections_removed_total", "orleans_" })
            Assert.Contains(name, await MetricsTextAsync(Cluster.Silos[0]));

        using var http = new HttpClient();
        foreach (var process in new[] { Cluster.Silos[0], FrontA })
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync(process.Http("dashboard/"))).StatusCode);
            // The dashboard learns the silos on its own schedule: on a loaded machine it may not have counted both yet.
            var (hosts, until) = (0, DateTime.UtcNow.AddSeconds(20));
            while (true)
            {
                using var withKey = new HttpRequestMessage(HttpMethod.Get, process.Http("dashboard/DashboardCounters"));
                withKey.Headers.Add("X-Api-Key", LocalCluster.ApiKey);
                var counters = System.Text.Json.JsonDocument.Parse(await (await http.SendAsync(withKey)).EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
                hosts = counters.GetProperty("hosts").GetArrayLength();
                if (hosts == 2 || DateTime.UtcNow > until) break;
                await Task.Delay(250);
            }
            Assert.Equal(2, hosts);
            using var basic = new HttpRequestMessage(HttpMethod.Get, process.Http("dashboard/"));
            basic.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("operator:" + LocalCluster.ApiKey)));
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.SendAsync(basic)).StatusCode);
        }
    }

    [Fact]
    public async Task A_front_told_to_stop_turns_unready_refuses_newcomers_then_hands_every_client_over_to_reconnect()
    {
        await using var front = ServerProcess.Front("draining", Cluster.Environment,
            "--ActorChat:Fronts:DrainDelay=00:00:02", "--ActorChat:Fronts:DrainPeriod=00:00:02");
        await front.WaitReadyAsync();
        await using var ws = await WebSocketAsync(front, Unique("ws"));
        await using var socketIO = await SocketIOAsync(fixture.Node, front, Unique("sio"));
        var signalRClosed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var signalR = await SignalRAsync(front, Unique("signalr"));
        signalR.Connection.Closed += error => { signalRClosed.TrySetResult(error); return Task.CompletedTask; };

        front.Terminate();
        var stopping = DateTime.UtcNow;
        await EventuallyAsync(TimeSpan.FromSeconds(1), async () => (await front.ReadinessAsync()).Status == System.Net.HttpStatusCode.ServiceUnavailable);
        var (_, report) = await front.ReadinessAsync();
        Assert.True(report!.Value.GetProperty("draining").GetBoolean());
        var newcomer = new ClientWebSocket();
        newcomer.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => newcomer.ConnectAsync(front.Ws("ws/chat"), CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, newcomer.HttpStatusCode);

        // Connections stay for the drain delay, then close in each transport's "come back" form.
        await ws.WaitClosedAsync(TimeSpan.FromSeconds(10));
        Assert.InRange(DateTime.UtcNow - stopping, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
        Assert.Equal((WebSocketCloseStatus)1012, ws.CloseStatus);
        Assert.NotNull(await signalRClosed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("transport close", await socketIO.DisconnectReasonAsync());
        await front.WaitExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, front.ExitCode);
    }

    [Fact]
    public async Task A_dropped_client_resumes_on_the_other_front_with_its_rooms_and_what_it_missed_and_nobody_saw_it_leave()
    {
        var room = Unique("resume-across");
        await using var bob = await WebSocketAsync(FrontA, Unique("bob"));
        var alice = await WebSocketAsync(FrontB, Unique("alice"));
        await bob.EmitWithAckAsync("join", new { room });
        await alice.EmitWithAckAsync("join", new { room });
        await bob.NextEventAsync("presence", Presence(room, bob.User, "joined"));
        await bob.NextEventAsync("presence", Presence(room, alice.User, "joined"));
        await alice.NextEventAsync("presence", Presence(room, alice.User, "joined"));
        await alice.AbortAsync();
        // The front that held alice notices the drop and records what it delivered.
        await Task.Delay(1000);
        for (var i = 1; i <= 5; i++) await bob.EmitWithAckAsync("chat", new { room, text = $"m{i}" });

        await using var back = await EnvelopeClient.ConnectAsync(FrontA.Ws($"ws/chat?user={alice.User}&session={alice.Session}"));
        var resumed = (await back.NextEventAsync("resumed"))[0];
        Assert.True(resumed.GetProperty("recovered").GetBoolean());
        Assert.Equal(5, resumed.GetProperty("missed").GetInt32());
        Assert.Equal(["m1", "m2", "m3", "m4", "m5"], back.ReceivedEvents("chat").Select(a => a[0].GetProperty("text").GetString()));
        Assert.Contains(alice.User, await MembersAsync(FrontB, room));
        Assert.True(await bob.ReceivesNoneAsync("presence", TimeSpan.FromSeconds(6)), "a resume within the grace is neither left nor joined");
        Assert.Contains(alice.User, await MembersAsync(FrontA, room));
    }

    [Fact]
    public async Task After_a_kill_of_its_front_a_client_resumes_on_the_survivor_and_misses_nothing()
    {
        var room = Unique("resume-kill");
        await using var bob = await WebSocketAsync(FrontA, Unique("bob"));
        var alice = await WebSocketAsync(FrontB, Unique("alice"));
        await bob.EmitWithAckAsync("join", new { room });
        await alice.EmitWithAckAsync("join", new { room });
        await bob.EmitWithAckAsync("chat", new { room, text = "before" });
        var seen = (await alice.NextFrameAsync(f => f.TryGetProperty("event", out var e) && e.GetString() == "chat")).GetProperty("offset").GetInt64();

        FrontB.Kill();
        for (var i = 1; i <= 3; i++) await bob.EmitWithAckAsync("chat", new { room, text = $"m{i}" });

        await using var back = await EnvelopeClient.ConnectAsync(FrontA.Ws($"ws/chat?user={alice.User}&session={alice.Session}"));
        await back.SendRawAsync(System.Text.Json.JsonSerializer.Serialize(new { @event = "resume", args = new[] { new { offsets = new Dictionary<string, long> { [room] = seen } } } }));
        var resumed = (await back.NextEventAsync("resumed"))[0];
        Assert.True(resumed.GetProperty("recovered").GetBoolean());
        Assert.Equal(3, resumed.GetProperty("missed").GetInt32());
        Assert.Equal(["m1", "m2", "m3"], back.ReceivedEvents("chat").Select(a => a[0].GetProperty("text").GetString()));
        await bob.EmitWithAckAsync("chat", new { room, text = "after" });
        Assert.Equal("after", (await back.NextEventAsync("chat", Text("after")))[0].GetProperty("text").GetString());
        Assert.Contains(alice.User, await MembersAsync(FrontA, room));
        await alice.DisposeAsync();
    }

    private static async Task<string> MetricsTextAsync(ServerProcess process)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(process.Http("metrics"));
    }

    /// <summary>A rolling restart: each silo in turn stopped with SIGTERM, started again, ready, then <paramref name="pause"/>.</summary>
    private async Task RestartSilosInTurnAsync(TimeSpan pause)
    {
        foreach (var silo in Cluster.Silos)
        {
            silo.Terminate();
            await silo.WaitExitAsync(TimeSpan.FromSeconds(60));
            await silo.RestartAsync();
            await silo.WaitReadyAsync();
            await Task.Delay(pause);
        }
    }

    private static async Task<List<(string Text, string Answer)>> SendEveryAsync(EnvelopeClient sender, string prefix, TimeSpan interval, CancellationToken stop)
    {
        var outcomes = new List<(string, string)>();
        var room = sender.ReceivedEvents("presence").Select(p => p[0].GetProperty("room").GetString()!).First();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var text = $"{prefix} {i}";
            string answer;
            try
            {
                answer = await EmitOrErrorAsync(sender, "chat", new { room, text });
            }
            catch (TimeoutException)
            {
                answer = "no answer";
            }
            outcomes.Add((text, answer));
            await Task.Delay(interval, CancellationToken.None);
        }
        return outcomes;
    }
}
