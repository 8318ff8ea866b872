using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>What grains call on this front: deliveries, room changes asked for by code on other fronts, and rebuild questions.</summary>
public sealed class FrontObserver(LocalConnections connections, DeliveryLanes lanes, RoomMembership membership, FrontLease lease) : IFrontObserver
{
    public Task Deliver(Delivery delivery)
    {
        if (lanes.Enqueue(delivery)) FrontMetrics.CountDelivery(delivery.Scope);
        return Task.CompletedTask;
    }

    public Task<RoomChange> JoinRoom(string sid, string room) => membership.JoinAsync(Local(sid), room);

    public Task<RoomChange> LeaveRoom(string sid, string room) => membership.LeaveAsync(Local(sid), room);

    public async Task<FrontSlice> DescribeMembers(MemberScope scope, string key)
    {
        var entry = await lease.Current;
        return new FrontSlice(entry.Epoch, connections.Describe(scope, key), scope == MemberScope.Room ? connections.PresentUsers(key) : null);
    }

    public Task Ping() => Task.CompletedTask;

    private IRealtimeConnection Local(string sid) =>
        connections.Find(sid) ?? throw new ClientInputException(ClientError.UnknownConnection, $"No live connection '{sid}'.");
}
