using Xunit;
using static ActorChat.Cluster.Tests.Clients;

namespace ActorChat.Cluster.Tests;

/// <summary>Socket.IO's connection state recovery across fronts, with the real socket.io-client.</summary>
public sealed partial class ClusterTests
{
    [Fact]
    public async Task After_a_kill_of_its_front_a_socket_io_client_recovers_on_the_survivor_from_the_offset_it_kept()
    {
        var room = Unique("sio-kill");
        await using var bob = await WebSocketAsync(FrontA, Unique("bob"));
        var user = Unique("alice");
        await using var alice = await SocketIOAsync(fixture.Node, FrontB, user);
        await bob.EmitWithAckAsync("join", new { room });
        await alice.EmitWithAckAsync("join", new { room });
        // Delivered before the crash: only the client knows it had them (its front never reported them).
        foreach (var text in new[] { "before1", "before2" })
        {
            await bob.EmitWithAckAsync("chat", new { room, text });
            await alice.NextEventAsync("chat", Text(text));
        }

        FrontB.Kill();
        for (var i = 1; i <= 3; i++) await bob.EmitWithAckAsync("chat", new { room, text = $"m{i}" });
        Assert.True(await alice.ReconnectAsync(FrontA.BaseUri), "socket.recovered after the reconnect to the survivor");
        await bob.EmitWithAckAsync("chat", new { room, text = "after" });

        var next = new List<string?>();
        for (var i = 0; i < 4; i++) next.Add((await alice.NextEventAsync("chat"))[0].GetProperty("text").GetString());
        Assert.Equal(["m1", "m2", "m3", "after"], next);
        Assert.Contains(user, await MembersAsync(FrontA, room));
    }
}
