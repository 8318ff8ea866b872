namespace ActorChat.Realtime;

/// <summary>
/// A room of a namespace (key: <see cref="RoomKey"/>): its members and the fronts that hold them.
/// The room announces <c>presence</c> itself: <c>joined</c> for a user's first connection in it,
/// <c>left</c> when the user's last one goes, however it goes (leave, close, or its front's death).
/// </summary>
public interface IRoomGrain : IFrontMemberGrain
{
    /// <summary>Adds a connection to the room; joining again is harmless.</summary>
    Task<RoomChange> Join(ClientConnection connection, FrontEntry front);

    /// <summary>Removes a connection from the room; leaving again is harmless.</summary>
    Task<RoomChange> Leave(string sid);

    /// <summary>Returns the room's members grouped by user.</summary>
    Task<RoomMembers> GetMembers();

    /// <summary>Delivers an event to every member, with one call per front that has members.</summary>
    /// <remarks>
    /// Interleaves with other calls: the grain waits for the fronts' answers without holding up joins and
    /// other broadcasts. The room numbers the event (its offset) and keeps it in its history before any front has it,
    /// so whoever hears of the offset can read the message again.
    /// </remarks>
    [AlwaysInterleave]
    Task Broadcast(OutboundEvent @event, string? exceptSid);

    /// <summary>
    /// The room's history: the messages after offset <paramref name="after"/> (null: the latest ones), at most
    /// <paramref name="limit"/>, oldest first, with the history's epoch.
    /// </summary>
    Task<RoomHistory> GetHistory(long? after, int limit);
}
