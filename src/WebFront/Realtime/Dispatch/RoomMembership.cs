using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Cluster;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>
/// Joins and leaves rooms for connections held by this front. The local index is updated first, so
/// every broadcast the room grain accepts after the join reaches the new member.
/// </summary>
public sealed class RoomMembership(IGrainFactory grains, LocalConnections connections, FrontReference self, IOptions<LimitsOptions> limits)
{
    public const string PresenceEvent = "presence";

    public async Task<RoomChange> JoinAsync(IRealtimeConnection connection, string room)
    {
        Names.ValidateRoom(room);
        var info = connection.Info;
        if (connections.RoomCount(info.Sid) >= limits.Value.RoomsPerConnection && !connections.RoomsOf(info.Sid).Contains(room))
            throw new ClientInputException(ClientError.TooManyRooms,
                $"A connection may be in at most {limits.Value.RoomsPerConnection} rooms; leave one first.",
                new Dictionary<string, object?> { ["room"] = room, ["limit"] = limits.Value.RoomsPerConnection });
        if (!connections.Join(info.Sid, room)) return await CurrentAsync(info, room);
        var change = await Room(info, room).Join(info, await self.Observer);
        if (change.UserPresenceChanged) await AnnounceAsync(info, room, "joined");
        return change;
    }

    public async Task<RoomChange> LeaveAsync(IRealtimeConnection connection, string room)
    {
        Names.ValidateRoom(room);
        var info = connection.Info;
        if (!connections.Leave(info.Sid, room)) return await CurrentAsync(info, room);
        return await LeaveGrainAsync(info, room);
    }

    /// <summary>Takes a closed connection out of the rooms it was in (the local index has already forgotten it).</summary>
    public Task LeaveAllAsync(ClientConnection info, IReadOnlyCollection<string> rooms) =>
        Task.WhenAll(rooms.Select(room => LeaveGrainAsync(info, room)));

    private async Task<RoomChange> LeaveGrainAsync(ClientConnection info, string room)
    {
        var change = await Room(info, room).Leave(info.Sid);
        if (change.UserPresenceChanged) await AnnounceAsync(info, room, "left");
        return change;
    }

    private async Task<RoomChange> CurrentAsync(ClientConnection info, string room)
    {
        var members = await Room(info, room).GetMembers();
        return new RoomChange(room, info.User, Changed: false, UserPresenceChanged: false, members.Connections);
    }

    private Task AnnounceAsync(ClientConnection info, string room, string status) =>
        Room(info, room).Broadcast(
            EventPayload.Create(PresenceEvent, [new { room, user = info.User, status }]),
            exceptSid: null);

    private IRoomGrain Room(ClientConnection info, string room) => grains.GetGrain<IRoomGrain>(RoomKey.Of(info.Namespace, room));
}
