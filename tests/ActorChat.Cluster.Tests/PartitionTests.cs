using System.Net.WebSockets;
using ActorChat.Testing;
using Xunit;
using static ActorChat.Cluster.Tests.Clients;

namespace ActorChat.Cluster.Tests;

/// <summary>
/// A front or a silo cut off from the rest of the cluster by the network, each process on a host of
/// its own (a network namespace on a bridge). Skipped, saying why, where namespaces cannot be made.
/// </summary>
public sealed class PartitionTests
{
    [Fact]
    public async Task A_front_cut_off_is_dropped_unready_and_when_the_network_heals_its_clients_are_members_again_without_reconnecting()
    {
        if (NetworkHosts.Unavailable() is { } why) Assert.Skip($"No network namespaces here ({why}).");
        await using var hosts = NetworkHosts.Create();
        var cutOff = hosts.Host();
        await using var cluster = await LocalCluster.StartAsync(new RedisServer { Address = hosts.Root.Address },
            [hosts.Root, hosts.Host()], [hosts.Root, cutOff]);
        var room = $"partition-{Guid.NewGuid():N}";
        await using var awake = await WebSocketAsync(cluster.Fronts[0], $"awake-{Guid.NewGuid():N}");
        await using var island = await WebSocketAsync(cluster.Fronts[1], $"island-{Guid.NewGuid():N}");
        await awake.EmitWithAckAsync("join", new { room });
        await island.EmitWithAckAsync("join", new { room });
        // Taken now, so that the wait for the island's "joined" after the heal cannot match this one.
        await awake.NextEventAsync("presence", Presence(room, island.User, "joined"));

        hosts.Partition(cutOff);
        try
        {
            await awake.NextEventAsync("presence", Presence(room, island.User, "left"), TimeSpan.FromSeconds(10));
            Assert.Equal([awake.User], await MembersAsync(cluster.Fronts[0], room));
            // Asked from inside its own host, the cut-off front says it is not ready.
            await EventuallyAsync(TimeSpan.FromSeconds(10), () => Task.FromResult(
                NetworkHosts.RunIn(cutOff, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", cluster.Fronts[1].Http("readyz").ToString()).Output == "503"));
        }
        finally
        {
            hosts.Heal(cutOff);
        }
        var healed = DateTime.UtcNow;

        await awake.NextEventAsync("presence", Presence(room, island.User, "joined"), TimeSpan.FromSeconds(10));
        Assert.InRange(DateTime.UtcNow - healed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        await island.EmitWithAckAsync("chat", new { room, text = "back from the island" });
        await awake.NextEventAsync("chat", Text("back from the island"));
        await awake.EmitWithAckAsync("chat", new { room, text = "welcome back" });
        await island.NextEventAsync("chat", Text("welcome back"));
        Assert.Equal(WebSocketState.Open, island.State);
        await cluster.Fronts[1].WaitReadyAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_silo_cut_off_past_failure_detection_is_declared_dead_its_grains_come_back_and_it_exits_when_it_learns()
    {
        if (NetworkHosts.Unavailable() is { } why) Assert.Skip($"No network namespaces here ({why}).");
        await using var hosts = NetworkHosts.Create();
        var cutOff = hosts.Host();
        await using var cluster = await LocalCluster.StartAsync(new RedisServer { Address = hosts.Root.Address },
            [hosts.Root, cutOff], [hosts.Root, hosts.Root]);
        var rooms = Enumerable.Range(0, 6).Select(i => $"silo-partition-{i}-{Guid.NewGuid():N}").ToArray();
        var members = new List<EnvelopeClient>();
        try
        {
            foreach (var room in rooms)
                for (var i = 0; i < 2; i++)
                {
                    var member = await WebSocketAsync(cluster.Fronts[i], $"{room}-{i}");
                    await member.EmitWithAckAsync("join", new { room });
                    members.Add(member);
                }

            hosts.Partition(cutOff);
            var partitioned = DateTime.UtcNow;
            // The surviving silo says so in its log (Orleans' membership, at Information).
            await EventuallyAsync(TimeSpan.FromSeconds(60), () => Task.FromResult(cluster.Silos[0].Output.Contains($"Evicting 'S{cutOff.Address}:", StringComparison.Ordinal)));
            var declared = DateTime.UtcNow;
            var round = 0;
            var rounds = new List<string> { $"declared dead {(declared - partitioned).TotalSeconds:0.0} s after the partition" };
            var started = DateTime.UtcNow;
            var took = await EventuallyAsync(TimeSpan.FromSeconds(30), async () =>
            {
                round++;
                rounds.Add($"round {round} at {(DateTime.UtcNow - started).TotalSeconds:0.0} s ({DateTime.UtcNow:HH:mm:ss.fff})");
                for (var r = 0; r < rooms.Length; r++)
                {
                    var text = $"round {round} room {r}";
                    try
                    {
                        if (await EmitOrErrorAsync(members[r * 2], "chat", new { room = rooms[r], text }) is var answer and not "ok")
                        {
                            rounds.Add($"room {r} at {(DateTime.UtcNow - started).TotalSeconds:0.0} s: {answer}");
                            return false;
                        }
                        await members[r * 2 + 1].NextEventAsync("chat", Text(text), TimeSpan.FromSeconds(3));
                    }
                    catch (TimeoutException ex)
                    {
                        rounds.Add($"room {r} at {(DateTime.UtcNow - started).TotalSeconds:0.0} s: {ex.Message[..Math.Min(200, ex.Message.Length)]}");
                        throw;
                    }
                }
                return true;
            }, () => string.Join(", ", rounds) + "\n" + cluster.Logs);
            Assert.True(took < TimeSpan.FromSeconds(15), $"Whole again only {took.TotalSeconds:0.0} s after it was declared dead: {string.Join(", ", rounds)}\n{cluster.Logs}");
            Assert.All(members, m => Assert.Equal(WebSocketState.Open, m.State));

            hosts.Heal(cutOff);
            await cluster.Silos[1].WaitExitAsync(TimeSpan.FromSeconds(90));
            Assert.NotEqual(0, cluster.Silos[1].ExitCode);
        }
        finally
        {
            foreach (var member in members) await member.DisposeAsync();
        }
    }
}
