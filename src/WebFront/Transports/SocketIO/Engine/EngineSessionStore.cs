using System.Collections.Concurrent;
using System.Net;

namespace ActorChat.WebFront.Transports.SocketIO.Engine;

/// <summary>The Engine.IO sessions this front holds, by session id.</summary>
public sealed class EngineSessionStore
{
    private readonly ConcurrentDictionary<string, EngineSession> _sessions = new(StringComparer.Ordinal);
    // Sessions per client address, so that one address cannot hold the front's memory with handshakes.
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly Lock _countLock = new();
    private int _reserved;

    public int Count => _sessions.Count;

    /// <summary>
    /// Makes room for a new session of a client address within the limits, or says which limit it is over.
    /// A reservation that is not followed by <see cref="Add"/> must be given back with <see cref="Release"/>.
    /// </summary>
    public EngineError? TryReserve(IPAddress? address, SocketIOOptions options)
    {
        var key = address ?? IPAddress.None;
        lock (_countLock)
        {
            if (_reserved >= options.MaxSessions) return EngineError.TooManySessions;
            var held = _perAddress.GetValueOrDefault(key);
            if (held >= options.MaxSessionsPerAddress) return EngineError.TooManySessionsFromAddress;
            _perAddress[key] = held + 1;
            _reserved++;
            return null;
        }
    }

    public void Release(IPAddress? address)
    {
        var key = address ?? IPAddress.None;
        lock (_countLock)
        {
            _reserved--;
            if (_perAddress.TryGetValue(key, out var held) && held > 1) _perAddress[key] = held - 1;
            else _perAddress.Remove(key);
        }
    }

    /// <summary>Adds a session reserved for <paramref name="address"/>; its reservation is released when it leaves.</summary>
    public void Add(EngineSession session, IPAddress? address)
    {
        _sessions[session.Id] = session;
        // Whoever closes the session, it leaves the store; a request for it then gets "Session ID unknown".
        // One the client closed with no GET pending stays a moment for the GET that may still be on its way.
        session.Closed.Register(() =>
        {
            Release(address);
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
