using ActorChat.Testing;
using Xunit;
using static ActorChat.Cluster.Tests.Clients;

namespace ActorChat.Cluster.Tests;

/// <summary>Redis goes silent for a minute while the cluster runs: rooms keep working, and it recovers after.</summary>
public sealed class RedisOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Rooms_keep_delivering_through_a_minute_without_redis_and_a_new_silo_joins_afterwards()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 2, fronts: 2);
        var room = $"outage-{Guid.NewGuid():N}";
        await using var ann = await WebSocketAsync(cluster.Fronts[0], $"ann-{Guid.NewGuid():N}");
        await using var ben = await WebSocketAsync(cluster.Fronts[1], $"ben-{Guid.NewGuid():N}");
        await ann.EmitWithAckAsync("join", new { room });
        await ben.EmitWithAckAsync("join", new { room });

        cluster.Redis.Pause();
        try
        {
            var started = DateTime.UtcNow;
            for (var i = 0; DateTime.UtcNow - started < Outage; i++)
            {
                var text = $"during the outage {i}";
                await ann.EmitWithAckAsync("chat", new { room, text });
                await ben.NextEventAsync("chat", Text(text), TimeSpan.FromSeconds(5));
                await Task.Delay(TimeSpan.FromSeconds(3));
            }
        }
        finally
        {
            cluster.Redis.Resume();
        }
        Assert.Contains(cluster.All, p => p.Output.Contains("warn:", StringComparison.Ordinal));

        await using var silo3 = ServerProcess.Silo("silo3", cluster.Environment);
        await silo3.WaitReadyAsync(TimeSpan.FromSeconds(60));
        await ann.EmitWithAckAsync("chat", new { room, text = "after the outage" });
        await ben.NextEventAsync("chat", Text("after the outage"));
    }
}
