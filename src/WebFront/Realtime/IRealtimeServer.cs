using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime;

/// <summary>
/// The server API: what handler code, HTTP endpoints and background services use to reach clients
/// anywhere in the cluster.
/// </summary>
public interface IRealtimeServer
{
    /// <summary>Emits an event in a namespace to a target.</summary>
    Task EmitAsync(string @namespace, EmitTarget target, string @event, params object?[] args);

    /// <summary>Emits an already-built event in a namespace to a target.</summary>
    Task EmitAsync(string @namespace, EmitTarget target, OutboundEvent @event);

    /// <summary>Joins a connection, on any front, to a room of its namespace.</summary>
    Task<RoomChange> JoinRoomAsync(string sid, string room);

    /// <summary>Takes a connection, on any front, out of a room.</summary>
    Task<RoomChange> LeaveRoomAsync(string sid, string room);

    /// <summary>Returns a room's members grouped by user.</summary>
    Task<RoomMembers> GetRoomMembersAsync(string @namespace, string room);

    /// <summary>
    /// Returns a room's kept messages after offset <paramref name="after"/> (null: the latest ones), at most
    /// <paramref name="limit"/> (null or more than the room keeps: as many as it keeps), with the history's epoch.
    /// </summary>
    Task<RoomHistory> GetRoomHistoryAsync(string @namespace, string room, long? after, int? limit);

    /// <summary>Returns a user's presence and live connections.</summary>
    Task<UserPresence> GetUserAsync(string user);
}
