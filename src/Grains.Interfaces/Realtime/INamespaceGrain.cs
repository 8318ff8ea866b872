namespace ActorChat.Realtime;

/// <summary>A namespace (key: its name, such as <c>/chat</c>): its connections, by front.</summary>
public interface INamespaceGrain : IFrontMemberGrain
{
    /// <summary>Counts a connection; counting it again is harmless.</summary>
    Task AddConnection(ClientConnection connection, FrontEntry front);

    /// <summary>Stops counting a connection.</summary>
    Task RemoveConnection(string sid);

    /// <summary>Returns the namespace's connection counts.</summary>
    Task<NamespaceInfo> GetInfo();

    /// <summary>Delivers an event to every connection of the namespace, with one call per front.</summary>
    /// <remarks>Interleaves with other calls: the grain waits for the fronts' answers without holding up joins and other broadcasts.</remarks>
    [AlwaysInterleave]
    Task Broadcast(OutboundEvent @event, string? exceptSid);
}
