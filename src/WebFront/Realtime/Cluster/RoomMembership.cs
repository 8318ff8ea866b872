using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// Joins and leaves rooms for connections held by this front. The local index changes first, so
/// every broadcast the room grain accepts after the join reaches the new member; the room grain
/// announces <c>presence</c> itself. Joining or leaving again always reaches the grain, which makes
/// it whole if it lost the member (a rebuild that raced the join), and costs nothing otherwise.
/// A connection with a session tells its session grain each join and leave, so another front can resume it.
/// </summary>
public sealed class RoomMembership(IGrainFactory grains, LocalConnections connections, FrontLease lease)
{
    /// <summary>
    /// Joins a connection to a room; with <paramref name="hold"/> deliveries to it wait until
    /// <see cref="LocalConnections.Release"/> (a resume replays what the connection missed first).
    /// </summary>
    public async Task<RoomChange> JoinAsync(IRealtimeConnection connection, string room, bool hold = false)
    {
        Names.ValidateRoom(room);
        var info = connection.Info;
        var grain = Room(info, room);
        if (!connections.BeginJoin(info.Sid, room, hold)) return await grain.Join(info, await lease.Current);
        try
        {
            var change = await grain.Join(info, await lease.Current);
            connections.CompleteJoin(info.Sid, room, change);
            // A held join takes up a resumed session's room: the session keeps the position it resumes from until
            // the replay has reached the client (the next renewals move it on), so a crash meanwhile skips nothing.
            if (!hold && connections.SessionOf(info.Sid) is { } session)
                await grains.GetGrain<ISessionGrain>(session).Joined(new RoomPosition(room, change.Epoch, change.Offset));
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
        if (connections.SessionOf(info.Sid) is { } session) await grains.GetGrain<ISessionGrain>(session).Left(room);
        return await LeaveGrainAsync(info, room);
    }

    /// <summary>
    /// Takes a closed connection out of the rooms it was in (the local index has already marked them leaving),
    /// after <paramref name="grace"/>: a dropped connection's user stays in its rooms that long, so a resume within
    /// it (which joins them again first) announces neither <c>left</c> nor <c>joined</c>.
    /// </summary>
    public async Task LeaveAllAsync(ClientConnection info, IReadOnlyCollection<string> rooms, TimeSpan grace = default)
    {
        if (rooms.Count == 0) return;
        if (grace > TimeSpan.Zero) await Task.Delay(grace);
        await Task.WhenAll(rooms.Select(room => LeaveGrainAsync(info, room)));
    }

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
