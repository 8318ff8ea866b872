using System.Text;
using Xunit;
using static ActorChat.Realtime.Tests.Grains.GrainClusterTests;

namespace ActorChat.Realtime.Tests.Grains;

/// <summary>A silo dies with grains on it: they come back whole, from the fronts, on the survivor.</summary>
public sealed class SiloLossTests(KillableCluster fixture) : IClassFixture<KillableCluster>
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task Rooms_and_users_of_a_killed_silo_come_back_whole_without_announcing_anyone()
    {
        await using var frontA = await FakeFront.StartAsync(Client);
        await using var frontB = await FakeFront.StartAsync(Client);
        // Enough rooms that some live on the silo about to die.
        var rooms = Enumerable.Range(0, 20).Select(i => $"lost-{i}-{Guid.NewGuid():N}").ToList();
        foreach (var room in rooms)
        {
            await frontA.JoinAsync(RoomKey.Of("/chat", room), await frontA.ConnectAsync("ann-" + room));
            await frontB.JoinAsync(RoomKey.Of("/chat", room), await frontB.ConnectAsync("ben-" + room));
        }
        await Eventually(() => rooms.All(r => frontA.Presence(r).Count == 2));

        await fixture.Cluster.KillSiloAsync(fixture.Cluster.SecondarySilos[0]);

        foreach (var room in rooms)
        {
            await Eventually(async () =>
            {
                try
                {
                    var members = await Client.GetGrain<IRoomGrain>(RoomKey.Of("/chat", room)).GetMembers();
                    return members.Users.Select(u => u.User).SequenceEqual(["ann-" + room, "ben-" + room])
                        && (await Client.GetGrain<IUserGrain>("ben-" + room).GetPresence()).Online;
                }
                catch (Exception ex) when (ex is TimeoutException or OrleansException)
                {
                    return false;
                }
            });
            await Client.GetGrain<IRoomGrain>(RoomKey.Of("/chat", room)).Broadcast(new OutboundEvent("say", Encoding.UTF8.GetBytes($"[\"{room}\"]")), null);
        }
        await Eventually(() => rooms.All(r => frontB.Deliveries.Any(d => d.Event.Name == "say" && Encoding.UTF8.GetString(d.Event.ArgsJson).Contains(r))));
        // Nobody left and nobody joined again.
        Assert.All(rooms, r => Assert.Equal(2, frontA.Presence(r).Count));
    }
}
