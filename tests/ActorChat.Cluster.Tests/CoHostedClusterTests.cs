using ActorChat.Testing;
using Xunit;
using static ActorChat.Cluster.Tests.Clients;

namespace ActorChat.Cluster.Tests;

/// <summary>Two processes that are each a silo and a front (<c>ActorChat:Role=All</c>), sharing Redis.</summary>
public sealed class CoHostedClusterTests
{
    [Fact]
    public async Task Co_hosted_processes_chat_across_and_the_survivor_recovers_after_the_other_is_killed()
    {
        await using var cluster = await LocalCluster.StartCoHostedAsync(processes: 2);
        var (first, second) = (cluster.Fronts[0], cluster.Fronts[1]);
        var room = $"co-hosted-{Guid.NewGuid():N}";
        await using var ann = await WebSocketAsync(first, $"ann-{Guid.NewGuid():N}");
        var ben = await WebSocketAsync(second, $"ben-{Guid.NewGuid():N}");
        await using var cat = await WebSocketAsync(first, $"cat-{Guid.NewGuid():N}");
        foreach (var client in new[] { ann, ben, cat }) await client.EmitWithAckAsync("join", new { room });
        await ben.EmitWithAckAsync("chat", new { room, text = "across processes" });
        await ann.NextEventAsync("chat", Text("across processes"));

        second.Kill();
        var killed = DateTime.UtcNow;

        try { await ann.NextEventAsync("presence", Presence(room, ben.User, "left"), TimeSpan.FromSeconds(10)); }
        catch (TimeoutException) { Assert.Fail($"Nobody heard {ben.User} leave within 10 s of the kill at {killed:HH:mm:ss.fff}\n{cluster.Logs}"); }
        Assert.InRange(DateTime.UtcNow - killed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var round = 0;
        await EventuallyAsync(TimeSpan.FromSeconds(15) - (DateTime.UtcNow - killed), async () =>
        {
            var text = $"still here {++round}";
            if (await EmitOrErrorAsync(ann, "chat", new { room, text }) != "ok") return false;
            await cat.NextEventAsync("chat", Text(text), TimeSpan.FromSeconds(2));
            return true;
        }, () => cluster.Logs);
    }
}
