using System.Collections.Concurrent;
using System.Text;
using ActorChat.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace ActorChat.Realtime.Tests;

/// <summary>An Orleans test cluster of two silos, hosting the realtime grains.</summary>
public sealed class TwoSiloCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(2).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public ValueTask InitializeAsync() => new(Cluster.DeployAsync());

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) =>
            silo.Services.AddSingleton(TimeProvider.System)
                .AddSingleton(Microsoft.Extensions.Options.Options.Create(new ActorChat.Grains.Realtime.FrontDirectoryOptions { ExpireAfter = TimeSpan.FromSeconds(2) }));
    }
}

/// <summary>A front as grains see it: a real observer that records what it is handed.</summary>
public sealed class RecordingFront(string frontId) : IFrontObserver
{
    public string FrontId { get; } = frontId;
    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public Task Deliver(Delivery delivery)
    {
        Deliveries.Enqueue(delivery);
        return Task.CompletedTask;
    }

    public Task<RoomChange> JoinRoom(string sid, string room) => throw new NotSupportedException();

    public Task<RoomChange> LeaveRoom(string sid, string room) => throw new NotSupportedException();
}

/// <summary>The grains' contract: fan-out once per front, presence, counts, and the front directory.</summary>
public sealed class GrainClusterTests(TwoSiloCluster fixture) : IClassFixture<TwoSiloCluster>
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task A_room_broadcast_reaches_each_front_once_however_many_members_it_holds()
    {
        var (frontA, refA) = Front("aaaaaaaa");
        var (frontB, refB) = Front("bbbbbbbb");
        var (frontC, _) = Front("cccccccc");
        var room = Client.GetGrain<IRoomGrain>(RoomKey.Of("/chat", "fanout-" + Guid.NewGuid()));
        for (var i = 0; i < 50; i++) await room.Join(Connection($"aaaaaaaa.{i}", $"user{i % 7}", "aaaaaaaa"), refA);
        for (var i = 0; i < 3; i++) await room.Join(Connection($"bbbbbbbb.{i}", $"user{i}", "bbbbbbbb"), refB);

        await room.Broadcast(Event("hello"), exceptSid: "aaaaaaaa.0");

        await Eventually(() => frontA.Deliveries.Count == 1 && frontB.Deliveries.Count == 1);
        var delivery = frontA.Deliveries.Single();
        Assert.Equal((DeliveryScope.Room, "/chat", "aaaaaaaa.0"), (delivery.Scope, delivery.Namespace, delivery.ExceptSid));
        Assert.Empty(frontC.Deliveries);

        // Once the last member on front B leaves, B is no longer part of the fan-out.
        for (var i = 0; i < 3; i++) await room.Leave($"bbbbbbbb.{i}");
        await room.Broadcast(Event("again"), null);
        await Eventually(() => frontA.Deliveries.Count == 2);
        await Task.Delay(200);
        Assert.Single(frontB.Deliveries);
    }

    [Fact]
    public async Task Room_membership_counts_users_and_reports_first_and_last_connection()
    {
        var (_, front) = Front("dddddddd");
        var room = Client.GetGrain<IRoomGrain>(RoomKey.Of("/", "presence-" + Guid.NewGuid()));
        Assert.True((await room.Join(Connection("dddddddd.1", "ann", "dddddddd"), front)).UserPresenceChanged);
        Assert.False((await room.Join(Connection("dddddddd.2", "ann", "dddddddd"), front)).UserPresenceChanged);
        Assert.False((await room.Join(Connection("dddddddd.2", "ann", "dddddddd"), front)).Changed);
        await room.Join(Connection("dddddddd.3", "ben", "dddddddd"), front);

        var members = await room.GetMembers();
        Assert.Equal(3, members.Connections);
        Assert.Equal([new RoomUser("ann", 2), new RoomUser("ben", 1)], members.Users);

        Assert.False((await room.Leave("dddddddd.1")).UserPresenceChanged);
        Assert.True((await room.Leave("dddddddd.2")).UserPresenceChanged);
        Assert.False((await room.Leave("dddddddd.2")).Changed);
    }

    [Fact]
    public async Task A_user_push_goes_once_to_each_front_with_that_fronts_connections_in_the_namespace()
    {
        var (frontA, refA) = Front("eeeeeeee");
        var (frontB, refB) = Front("ffffffff");
        var user = Client.GetGrain<IUserGrain>("multi-" + Guid.NewGuid());
        await user.AddConnection(Connection("eeeeeeee.1", "u", "eeeeeeee"), refA);
        await user.AddConnection(Connection("eeeeeeee.2", "u", "eeeeeeee"), refA);
        await user.AddConnection(Connection("ffffffff.1", "u", "ffffffff"), refB);
        await user.AddConnection(Connection("ffffffff.2", "u", "ffffffff", "/other"), refB);

        await user.Deliver("/chat", Event("dm"), exceptSid: "eeeeeeee.2");

        await Eventually(() => frontA.Deliveries.Count == 1 && frontB.Deliveries.Count == 1);
        Assert.Equal(["eeeeeeee.1"], frontA.Deliveries.Single().Sids!);
        Assert.Equal(["ffffffff.1"], frontB.Deliveries.Single().Sids!);

        var presence = await user.GetPresence();
        Assert.True(presence.Online);
        Assert.Equal(4, presence.Connections.Length);
        foreach (var sid in new[] { "eeeeeeee.1", "eeeeeeee.2", "ffffffff.1", "ffffffff.2" }) presence = await user.RemoveConnection(sid);
        Assert.False(presence.Online);
    }

    [Fact]
    public async Task A_namespace_counts_connections_per_front_and_broadcasts_once_per_front()
    {
        var (frontA, refA) = Front("11111111");
        var (frontB, refB) = Front("22222222");
        var ns = Client.GetGrain<INamespaceGrain>("/ns-" + Guid.NewGuid().ToString("N")[..8]);
        await ns.AddConnection("11111111", refA);
        await ns.AddConnection("11111111", refA);
        await ns.AddConnection("22222222", refB);

        var info = await ns.GetInfo();
        Assert.Equal(3, info.Connections);
        Assert.Equal(2, info.Fronts.Single(f => f.FrontId == "11111111").Connections);

        await ns.Broadcast(Event("all"), null);
        await Eventually(() => frontA.Deliveries.Count == 1 && frontB.Deliveries.Count == 1);

        await ns.RemoveConnection("22222222");
        await ns.RemoveConnection("22222222");
        Assert.Equal(2, (await ns.GetInfo()).Connections);
    }

    [Fact]
    public async Task The_front_directory_forgets_a_front_that_stops_sending_heartbeats()
    {
        var (_, refA) = Front("33333333");
        var (_, refB) = Front("44444444");
        var directory = Client.GetGrain<IFrontDirectoryGrain>("directory-" + Guid.NewGuid());
        await directory.Heartbeat(new FrontEntry("33333333", refA));
        var fronts = await directory.Heartbeat(new FrontEntry("44444444", refB));
        Assert.Equal(["33333333", "44444444"], fronts.Select(f => f.FrontId).Order());

        // Only B keeps beating; A expires after the configured two seconds.
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(500);
            fronts = await directory.Heartbeat(new FrontEntry("44444444", refB));
        }
        Assert.Equal(["44444444"], fronts.Select(f => f.FrontId));
        await directory.Remove("44444444");
        Assert.Empty(await directory.GetFronts());
    }

    private (RecordingFront Front, IFrontObserver Reference) Front(string id)
    {
        var front = new RecordingFront(id);
        return (front, Client.CreateObjectReference<IFrontObserver>(front));
    }

    private static ClientConnection Connection(string sid, string user, string front, string ns = "/chat") => new(sid, ns, user, "test", front);

    private static OutboundEvent Event(string text) => new("say", Encoding.UTF8.GetBytes($"[\"{text}\"]"));

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(20);
        }
    }
}
