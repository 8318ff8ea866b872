using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>What grains call on this front: deliveries, and room changes asked for by code on other fronts.</summary>
public sealed class FrontObserver(LocalConnections connections, RoomMembership membership) : IFrontObserver
{
    public Task Deliver(Delivery delivery)
    {
        // Writing to sockets must not happen on the Orleans thread that invokes observers: it would
        // hold up every other grain-to-front call behind this fan-out.
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Connections.Deliver(state.Delivery), (Connections: connections, Delivery: delivery), preferLocal: false);
        return Task.CompletedTask;
    }

    public Task<RoomChange> JoinRoom(string sid, string room) => membership.JoinAsync(Local(sid), room);

    public Task<RoomChange> LeaveRoom(string sid, string room) => membership.LeaveAsync(Local(sid), room);

    private IRealtimeConnection Local(string sid) =>
        connections.Find(sid) ?? throw new ClientInputException(ClientError.UnknownConnection, $"No live connection '{sid}'.");
}
