namespace ActorChat.Realtime;

/// <summary>A user (key: user id): the live connections of all their devices, across fronts.</summary>
public interface IUserGrain : IFrontMemberGrain
{
    /// <summary>Records a live connection of this user; recording it again is harmless.</summary>
    Task<UserPresence> AddConnection(ClientConnection connection, FrontEntry front);

    /// <summary>Forgets a closed connection of this user.</summary>
    Task<UserPresence> RemoveConnection(string sid);

    /// <summary>Returns whether the user is online and with which connections.</summary>
    Task<UserPresence> GetPresence();

    /// <summary>Delivers an event to every connection the user has in a namespace, once per front.</summary>
    /// <remarks>Interleaves with other calls: the grain waits for the fronts' answers without holding up joins and other broadcasts.</remarks>
    [AlwaysInterleave]
    Task Deliver(string @namespace, OutboundEvent @event, string? exceptSid);
}
