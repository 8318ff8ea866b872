using System.Collections.Concurrent;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>The Engine.IO sessions this front holds, by session id.</summary>
public sealed class EngineSessionStore
{
    private readonly ConcurrentDictionary<string, EngineSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public void Add(EngineSession session)
    {
        _sessions[session.Id] = session;
        // Whoever closes the session, it leaves the store; a request for it then gets "Session ID unknown".
        session.Closed.Register(() => _sessions.TryRemove(new KeyValuePair<string, EngineSession>(session.Id, session)));
    }

    public EngineSession? Find(string id) => _sessions.GetValueOrDefault(id);

    public IReadOnlyCollection<EngineSession> All => _sessions.Values.ToArray();
}
