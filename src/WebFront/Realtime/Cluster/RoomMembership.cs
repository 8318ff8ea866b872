using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// Joins and leaves rooms for connections held by this front. The local index changes first, so
/// every broadcast the room grain accepts after the join reaches the new member; the room grain
/// announces <c>presence</c> itself. Joining or leaving again always reaches the grain, which makes
/// it whole if it lost the member (a rebuild that raced the join), and costs nothing otherwise.
/// </summary>
public sealed class RoomMembership(IGrainFactory grains, LocalConnections connections, FrontLease lease)
{
    public async Task<RoomChange> JoinAsync(IRealtimeConnection connection, string room)
    {
        Names.ValidateRoom(room);
        var info = connection.Info;
        var grain = Room(info, room);
        if (!connections.BeginJoin(info.Sid, room)) return await grain.Join(info, await lease.Current);
        try
        {
            var change = await grain.Join(info, await lease.Current);
            connections.CompleteJoin(info.Sid, room);
            return change;
        }
        catch
        {
            // The join may or may not have reached the grain: take it back on both sides.
            connections.BeginLeave(info.Sid, room);
            _ = LeaveGrainAsync(info, room);
            throw;
        }
    }

    public async Task<RoomChange> LeaveAsync(IRealtimeConnection connection, string room)
    {
        Names.ValidateRoom(room);
        var info = connection.Info;
        if (!connections.BeginLeave(info.Sid, room)) return await Room(info, room).Leave(info.Sid);
        return await LeaveGrainAsync(info, room);
    }

    /// <summary>Takes a closed connection out of the rooms it was in (the local index has already marked them leaving).</summary>
    public Task LeaveAllAsync(ClientConnection info, IReadOnlyCollection<string> rooms) =>
        Task.WhenAll(rooms.Select(room => LeaveGrainAsync(info, room)));

    private async Task<RoomChange> LeaveGrainAsync(ClientConnection info, string room)
    {
        try
        {
            return await Room(info, room).Leave(info.Sid);
        }
        finally
        {
            connections.CompleteLeave(info.Sid, info.Namespace, room);
        }
    }

    private IRoomGrain Room(ClientConnection info, string room) => grains.GetGrain<IRoomGrain>(RoomKey.Of(info.Namespace, room));
}
