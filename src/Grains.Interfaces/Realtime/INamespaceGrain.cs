namespace ActorChat.Realtime;

/// <summary>A namespace (key: its name, such as <c>/chat</c>): which fronts have connections in it.</summary>
public interface INamespaceGrain : IGrainWithStringKey
{
    /// <summary>Counts a new connection on a front.</summary>
    Task AddConnection(string frontId, IFrontObserver front);

    /// <summary>Counts a closed connection on a front.</summary>
    Task RemoveConnection(string frontId);

    /// <summary>Returns the namespace's connection counts.</summary>
    Task<NamespaceInfo> GetInfo();

    /// <summary>Delivers an event to every connection of the namespace, with one call per front.</summary>
    Task Broadcast(OutboundEvent @event, string? exceptSid);
}
