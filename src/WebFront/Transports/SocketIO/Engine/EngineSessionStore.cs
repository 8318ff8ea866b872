using System.Collections.Concurrent;

namespace ActorChat.WebFront.Transports.SocketIO.Engine;

/// <summary>The Engine.IO sessions this front holds, by session id.</summary>
public sealed class EngineSessionStore
{
    private readonly ConcurrentDictionary<string, EngineSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public void Add(EngineSession session)
    {
        _sessions[session.Id] = session;
        // Whoever closes the session, it leaves the store; a request for it then gets "Session ID unknown".
        // One the client closed with no GET pending stays a moment for the GET that may still be on its way.
        session.Closed.Register(() =>
        {
            if (session.AwaitsCloseNotice) _ = RemoveLaterAsync(session);
            else Remove(session);
        });
    }

    public EngineSession? Find(string id) => _sessions.GetValueOrDefault(id);

    public void Remove(EngineSession session) => _sessions.TryRemove(new KeyValuePair<string, EngineSession>(session.Id, session));

    private async Task RemoveLaterAsync(EngineSession session)
    {
        await Task.Delay(CloseNoticeGrace);
        Remove(session);
    }

    private static readonly TimeSpan CloseNoticeGrace = TimeSpan.FromSeconds(1);

    public IReadOnlyCollection<EngineSession> All => _sessions.Values.ToArray();
}
