using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>What grains call on this front: deliveries, room changes asked for by code on other fronts, and rebuild questions.</summary>
public sealed class FrontObserver(LocalConnections connections, RoomMembership membership, FrontLease lease) : IFrontObserver
{
    public Task Deliver(Delivery delivery)
    {
        FrontMetrics.CountDelivery(delivery.Scope);
        // Writing to sockets must not happen on the Orleans thread that invokes observers: it would
        // hold up every other grain-to-front call behind this fan-out.
        ThreadPool.UnsafeQueueUserWorkItem(static state => FrontMetrics.SocketSends.Add(state.Connections.Deliver(state.Delivery)),
            (Connections: connections, Delivery: delivery), preferLocal: false);
        return Task.CompletedTask;
    }

    public Task<RoomChange> JoinRoom(string sid, string room) => membership.JoinAsync(Local(sid), room);

    public Task<RoomChange> LeaveRoom(string sid, string room) => membership.LeaveAsync(Local(sid), room);

    public async Task<FrontSlice> DescribeMembers(MemberScope scope, string key)
    {
        var entry = await lease.Current;
        return new FrontSlice(entry.Epoch, connections.Describe(scope, key));
    }

    private IRealtimeConnection Local(string sid) =>
        connections.Find(sid) ?? throw new ClientInputException(ClientError.UnknownConnection, $"No live connection '{sid}'.");
}
