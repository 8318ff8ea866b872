using System.Text;
using Orleans.Core.Internal;
using Xunit;

namespace ActorChat.Realtime.Tests.Grains;

/// <summary>
/// The grains' contract on a two-silo cluster: fan-out once per front, idempotent membership,
/// presence, counts, leases, the purge of a dead front and the rebuild of a lost grain.
/// </summary>
public sealed class GrainClusterTests(TwoSiloCluster fixture) : IClassFixture<TwoSiloCluster>
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task A_room_broadcast_reaches_each_front_once_however_many_members_it_holds()
    {
        await using var frontA = await FakeFront.StartAsync(Client);
        await using var frontB = await FakeFront.StartAsync(Client);
        await using var frontC = await FakeFront.StartAsync(Client);
        var key = RoomKey.Of("/chat", "fanout-" + Guid.NewGuid());
        var first = frontA.Connection("user0");
        await frontA.JoinAsync(key, first);
        for (var i = 1; i < 50; i++) await frontA.JoinAsync(key, frontA.Connection($"user{i % 7}"));
        var onB = new List<ClientConnection>();
        for (var i = 0; i < 3; i++) onB.Add(frontB.Connection($"user{i}"));
        foreach (var member in onB) await frontB.JoinAsync(key, member);

        var room = Client.GetGrain<IRoomGrain>(key);
        await room.Broadcast(Event("hello"), exceptSid: first.Sid);

        await Eventually(() => Said(frontA, "hello") == 1 && Said(frontB, "hello") == 1);
        var delivery = frontA.Deliveries.Single(d => d.Event.Name == "say");
        Assert.Equal((DeliveryScope.Room, "/chat", first.Sid), (delivery.Scope, delivery.Namespace, delivery.ExceptSid));
        Assert.Empty(frontC.Deliveries);

        // Once the last member on front B leaves, B is no longer part of the fan-out.
        foreach (var member in onB) await frontB.LeaveAsync(key, member);
        await room.Broadcast(Event("again"), null);
        await Eventually(() => Said(frontA, "again") == 1);
        await Task.Delay(200);
        Assert.Equal(0, Said(frontB, "again"));
    }

    [Fact]
    public async Task Joining_and_leaving_report_the_users_first_and_last_connection_and_repeating_them_changes_nothing()
    {
        await using var front = await FakeFront.StartAsync(Client);
        var key = RoomKey.Of("/", "presence-" + Guid.NewGuid());
        var (ann1, ann2, ben) = (front.Connection("ann"), front.Connection("ann"), front.Connection("ben"));
        Assert.True((await front.JoinAsync(key, ann1)).UserPresenceChanged);
        Assert.False((await front.JoinAsync(key, ann2)).UserPresenceChanged);
        Assert.False((await front.JoinAsync(key, ann2)).Changed);
        await front.JoinAsync(key, ben);

        var members = await Client.GetGrain<IRoomGrain>(key).GetMembers();
        Assert.Equal(3, members.Connections);
        Assert.Equal([new RoomUser("ann", 2), new RoomUser("ben", 1)], members.Users);

        Assert.False((await front.LeaveAsync(key, ann1)).UserPresenceChanged);
        Assert.True((await front.LeaveAsync(key, ann2)).UserPresenceChanged);
        Assert.False((await front.LeaveAsync(key, ann2)).Changed);

        // The room itself announced each user's arrival and departure once.
        var room = RoomKey.Parse(key).Room;
        await Eventually(() => front.Presence(room).Count == 3);
        Assert.Equal([("ann", "joined"), ("ben", "joined"), ("ann", "left")], front.Presence(room));
    }

    [Fact]
    public async Task A_user_push_goes_once_to_each_front_with_that_fronts_connections_in_the_namespace()
    {
        await using var frontA = await FakeFront.StartAsync(Client);
        await using var frontB = await FakeFront.StartAsync(Client);
        var name = "multi-" + Guid.NewGuid();
        var a1 = await frontA.ConnectAsync(name);
        var a2 = await frontA.ConnectAsync(name);
        var b1 = await frontB.ConnectAsync(name);
        var b2 = await frontB.ConnectAsync(name, "/other");
        var user = Client.GetGrain<IUserGrain>(name);
        await user.AddConnection(a1, frontA.Entry);

        await user.Deliver("/chat", Event("dm"), exceptSid: a2.Sid);

        await Eventually(() => frontA.Deliveries.Count == 1 && frontB.Deliveries.Count == 1);
        Assert.Equal([a1.Sid], frontA.Deliveries.Single().Sids!);
        Assert.Equal([b1.Sid], frontB.Deliveries.Single().Sids!);

        var presence = await user.GetPresence();
        Assert.True(presence.Online);
        Assert.Equal(4, presence.Connections.Length);
        foreach (var sid in new[] { a1.Sid, a2.Sid, b1.Sid, b2.Sid, b2.Sid }) presence = await user.RemoveConnection(sid);
        Assert.False(presence.Online);
    }

    [Fact]
    public async Task A_namespace_counts_connection_ids_so_a_repeated_remove_cannot_miscount_a_front()
    {
        await using var frontA = await FakeFront.StartAsync(Client);
        await using var frontB = await FakeFront.StartAsync(Client);
        var name = "/ns-" + Guid.NewGuid().ToString("N")[..8];
        var a1 = await frontA.ConnectAsync("u1", name);
        await frontA.ConnectAsync("u2", name);
        var b1 = await frontB.ConnectAsync("u3", name);
        var ns = Client.GetGrain<INamespaceGrain>(name);
        await ns.AddConnection(a1, frontA.Entry);

        var info = await ns.GetInfo();
        Assert.Equal(3, info.Connections);
        Assert.Equal(2, info.Fronts.Single(f => f.FrontId == frontA.Id).Connections);

        await ns.Broadcast(Event("all"), null);
        await Eventually(() => frontA.Deliveries.Count == 1 && frontB.Deliveries.Count == 1);

        // Removing B's connection twice, or one it never had, leaves A's two counted.
        await ns.RemoveConnection(b1.Sid);
        await ns.RemoveConnection(b1.Sid);
        await ns.RemoveConnection(frontB.Id + ".never-there-0000");
        info = await ns.GetInfo();
        Assert.Equal(2, info.Connections);
        Assert.Equal([frontA.Id], info.Fronts.Select(f => f.FrontId));
    }

    [Fact]
    public async Task A_lease_that_is_not_renewed_ends_and_its_front_must_register_afresh_under_a_higher_epoch()
    {
        var directory = Client.GetGrain<IFrontDirectoryGrain>(IFrontDirectoryGrain.Key);
        await using var front = await FakeFront.StartAsync(Client);
        Assert.Contains(front.Id, (await directory.GetFronts()).Select(f => f.FrontId));

        await front.StopRenewingAsync();
        await Eventually(async () => !(await directory.GetFronts()).Any(f => f.FrontId == front.Id));

        // Renewing the old lease is refused, and so is registering again under the same epoch.
        Assert.False((await directory.Renew(front.Entry, register: false)).Renewed);
        Assert.False((await directory.Renew(front.Entry, register: true)).Renewed);
        var grant = await directory.Renew(front.Entry with { Epoch = front.Epoch + 1 }, register: true);
        Assert.True(grant.Renewed);
        Assert.Equal(TwoSiloCluster.ExpireAfter, grant.Duration);
        Assert.Contains(grant.Fronts, f => f.FrontId == front.Id && f.Epoch == front.Epoch + 1);
        await directory.Remove(front.Id);
    }

    [Fact]
    public async Task The_front_directory_keeps_every_lease_across_a_reactivation()
    {
        var directory = Client.GetGrain<IFrontDirectoryGrain>(IFrontDirectoryGrain.Key);
        await using var front = await FakeFront.StartAsync(Client);

        await directory.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(300);

        var fronts = await directory.GetFronts();
        Assert.Contains(fronts, f => f.FrontId == front.Id && f.Epoch == front.Epoch);
        // The reference it rebuilt from storage reaches the front.
        var key = RoomKey.Of("/chat", "after-directory-" + Guid.NewGuid());
        await front.JoinAsync(key, front.Connection("ann"));
        await Client.GetGrain<IRoomGrain>(key).Broadcast(Event("still"), null);
        await Eventually(() => Said(front, "still") == 1);
    }

    [Fact]
    public async Task A_reactivated_room_rebuilds_its_members_from_the_live_fronts_without_announcing_them()
    {
        await using var frontA = await FakeFront.StartAsync(Client);
        await using var frontB = await FakeFront.StartAsync(Client);
        var room = "rebuild-" + Guid.NewGuid();
        var key = RoomKey.Of("/chat", room);
        await frontA.JoinAsync(key, frontA.Connection("ann"));
        await frontA.JoinAsync(key, frontA.Connection("ann"));
        await frontB.JoinAsync(key, frontB.Connection("ben"));
        var before = await Client.GetGrain<IRoomGrain>(key).GetMembers();
        await Eventually(() => frontA.Presence(room).Count == 2);

        await Client.GetGrain<IRoomGrain>(key).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(300);

        var after = await Client.GetGrain<IRoomGrain>(key).GetMembers();
        Assert.Equal(before, after, new RoomMembersComparer());
        await Client.GetGrain<IRoomGrain>(key).Broadcast(Event("whole"), null);
        await Eventually(() => Said(frontA, "whole") == 1 && Said(frontB, "whole") == 1);
        Assert.Equal(2, frontA.Presence(room).Count);
    }

    [Fact]
    public async Task A_room_rebuilt_after_a_front_died_with_it_tells_the_survivors_who_left()
    {
        await using var survivor = await FakeFront.StartAsync(Client);
        await using var dying = await FakeFront.StartAsync(Client);
        var room = "died-together-" + Guid.NewGuid();
        var key = RoomKey.Of("/chat", room);
        await survivor.JoinAsync(key, survivor.Connection("ann"));
        await dying.JoinAsync(key, dying.Connection("ben"));
        await Eventually(() => survivor.Presence(room).Count == 2);

        // The front and the room's silo go at once: the room comes back without knowing ben was there.
        dying.Silent = true;
        await dying.StopRenewingAsync();
        await Client.GetGrain<IRoomGrain>(key).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(300);

        var members = await Client.GetGrain<IRoomGrain>(key).GetMembers();
        Assert.Equal([new RoomUser("ann", 1)], members.Users);
        await Eventually(() => survivor.Presence(room).Contains(("ben", "left")));
    }

    [Fact]
    public async Task A_rebuild_keeps_asking_a_silent_front_while_it_holds_its_lease()
    {
        await using var front = await FakeFront.StartAsync(Client);
        var name = "silent-" + Guid.NewGuid();
        await front.ConnectAsync(name);
        await Client.GetGrain<IUserGrain>(name).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(300);

        front.Silent = true;
        var presence = Client.GetGrain<IUserGrain>(name).GetPresence();
        await Eventually(() => front.DescribeCalls >= 2);
        Assert.False(presence.IsCompleted);
        front.Silent = false;

        Assert.True((await presence.WaitAsync(TimeSpan.FromSeconds(10))).Online);
    }

    [Fact]
    public async Task A_rebuild_does_not_wait_for_a_front_whose_lease_ended()
    {
        await using var live = await FakeFront.StartAsync(Client);
        await using var frozen = await FakeFront.StartAsync(Client);
        var name = "/frozen-" + Guid.NewGuid().ToString("N")[..8];
        await live.ConnectAsync("ann", name);
        await frozen.ConnectAsync("ben", name);
        await Client.GetGrain<INamespaceGrain>(name).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(300);

        frozen.Silent = true;
        await frozen.StopRenewingAsync();
        var info = await Client.GetGrain<INamespaceGrain>(name).GetInfo().WaitAsync(TwoSiloCluster.ExpireAfter * 4);
        Assert.Equal([live.Id], info.Fronts.Select(f => f.FrontId));
    }

    [Fact]
    public async Task When_a_fronts_lease_ends_every_grain_drops_its_connections_and_the_room_announces_who_left()
    {
        await using var survivor = await FakeFront.StartAsync(Client);
        await using var dying = await FakeFront.StartAsync(Client);
        var (room, ns) = ("ghosts-" + Guid.NewGuid(), "/ghosts-" + Guid.NewGuid().ToString("N")[..8]);
        var key = RoomKey.Of(ns, room);
        var ann = await survivor.ConnectAsync("ann-" + room, ns);
        var ben = await dying.ConnectAsync("ben-" + room, ns);
        await survivor.JoinAsync(key, ann);
        await dying.JoinAsync(key, ben);
        await dying.JoinAsync(key, await dying.ConnectAsync("ben-" + room, ns));

        await dying.StopRenewingAsync();

        await Eventually(() => survivor.Presence(room).Contains((ben.User, "left")));
        var members = await Client.GetGrain<IRoomGrain>(key).GetMembers();
        Assert.Equal([new RoomUser(ann.User, 1)], members.Users);
        // Each silo drops the grains it hosts on its own next check.
        await Eventually(async () => !(await Client.GetGrain<IUserGrain>(ben.User).GetPresence()).Online);
        await Eventually(async () => (await Client.GetGrain<INamespaceGrain>(ns).GetInfo()).Connections == 1);
        Assert.Equal([survivor.Id], (await Client.GetGrain<INamespaceGrain>(ns).GetInfo()).Fronts.Select(f => f.FrontId));

        // No grain calls the dead front again.
        var handed = dying.Deliveries.Count;
        await Client.GetGrain<IRoomGrain>(key).Broadcast(Event("after"), null);
        await Client.GetGrain<INamespaceGrain>(ns).Broadcast(Event("after-ns"), null);
        await Eventually(() => Said(survivor, "after") == 1 && Said(survivor, "after-ns") == 1);
        Assert.Equal(handed, dying.Deliveries.Count);
    }

    [Fact]
    public async Task A_front_that_registers_afresh_retells_its_connections_and_is_reached_again()
    {
        await using var survivor = await FakeFront.StartAsync(Client);
        await using var paused = await FakeFront.StartAsync(Client);
        var room = "paused-" + Guid.NewGuid();
        var key = RoomKey.Of("/chat", room);
        await survivor.JoinAsync(key, survivor.Connection("ann"));
        var ben = await paused.ConnectAsync("ben-" + room);
        await paused.JoinAsync(key, ben);

        await paused.StopRenewingAsync();
        await Eventually(() => survivor.Presence(room).Contains((ben.User, "left")));

        await paused.RegisterAgainAsync();

        await Eventually(() => survivor.Presence(room).Count(p => p == (ben.User, "joined")) == 2);
        Assert.True((await Client.GetGrain<IUserGrain>(ben.User).GetPresence()).Online);
        await Client.GetGrain<IRoomGrain>(key).Broadcast(Event("back"), null);
        await Eventually(() => Said(paused, "back") == 1);
    }

    private static int Said(FakeFront front, string text) =>
        front.Deliveries.Count(d => d.Event.Name == "say" && Encoding.UTF8.GetString(d.Event.ArgsJson) == $"[\"{text}\"]");

    private static OutboundEvent Event(string text) => new("say", Encoding.UTF8.GetBytes($"[\"{text}\"]"));

    internal static Task Eventually(Func<bool> condition) => Eventually(() => Task.FromResult(condition()));

    internal static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(50);
        }
    }

    private sealed class RoomMembersComparer : IEqualityComparer<RoomMembers>
    {
        public bool Equals(RoomMembers? x, RoomMembers? y) =>
            x is not null && y is not null && (x.Namespace, x.Room, x.Connections) == (y.Namespace, y.Room, y.Connections) && x.Users.SequenceEqual(y.Users);

        public int GetHashCode(RoomMembers obj) => obj.Room.GetHashCode();
    }
}
