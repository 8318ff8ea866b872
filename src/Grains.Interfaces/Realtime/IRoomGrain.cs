namespace ActorChat.Realtime;

/// <summary>A room of a namespace (key: <see cref="RoomKey"/>): its members and the fronts that hold them.</summary>
public interface IRoomGrain : IGrainWithStringKey
{
    /// <summary>Adds a connection to the room.</summary>
    Task<RoomChange> Join(ClientConnection connection, IFrontObserver front);

    /// <summary>Removes a connection from the room.</summary>
    Task<RoomChange> Leave(string sid);

    /// <summary>Returns the room's members grouped by user.</summary>
    Task<RoomMembers> GetMembers();

    /// <summary>Delivers an event to every member, with one call per front that has members.</summary>
    Task Broadcast(OutboundEvent @event, string? exceptSid);
}
