using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime;

/// <summary>One client socket in one namespace, as a transport adapter exposes it to the pipeline.</summary>
public interface IRealtimeConnection
{
    ClientConnection Info { get; }

    /// <summary>Queues an event for the client. Never blocks: a client that cannot keep up is disconnected.</summary>
    void Send(PreparedEvent @event);

    /// <summary>Closes the connection from the server side (a WebSocket gets 1001, going away).</summary>
    void Close(string reason);
}
