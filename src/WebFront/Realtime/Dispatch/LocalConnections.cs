using System.Collections.Concurrent;
using ActorChat.Realtime;
using ActorChat.WebFront.Identity;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>
/// The sockets this front holds, indexed by connection id, namespace and room. The front is the only
/// writer of its connections' room memberships, so this index and the room grains agree.
/// </summary>
public sealed class LocalConnections(IOptions<LimitsOptions> limits)
{
    private readonly ConcurrentDictionary<string, Entry> _bySid = new();
    private readonly ConcurrentDictionary<string, Members> _byNamespace = new();
    private readonly ConcurrentDictionary<string, Members> _byRoom = new();
    // Joins and leaves are rare next to deliveries; one lock keeps "drop an empty room" from racing a join.
    private readonly Lock _roomLock = new();

    public int Count => _bySid.Count;

    public void Add(IRealtimeConnection connection, UserIdentity identity)
    {
        _bySid[connection.Info.Sid] = new Entry(connection, identity, new EventBudget(limits.Value));
        _byNamespace.GetOrAdd(connection.Info.Namespace, _ => new()).TryAdd(connection.Info.Sid, connection);
    }

    /// <summary>
    /// Ties the timer that ends a connection when its token expires to the connection: it is disposed when
    /// the connection is removed (or at once, when the connection is already gone).
    /// </summary>
    public void SetExpiry(string sid, IDisposable timer)
    {
        if (!_bySid.TryGetValue(sid, out var entry))
        {
            timer.Dispose();
            return;
        }
        lock (_roomLock) entry.Expiry = timer;
        // Removed meanwhile: Remove may not have seen the timer.
        if (!_bySid.ContainsKey(sid)) timer.Dispose();
    }

    /// <summary>Takes one event from a connection's budget (<see cref="EventBudget"/>); null when the connection is gone.</summary>
    public BudgetVerdict? SpendEvent(string sid) => _bySid.TryGetValue(sid, out var entry) ? entry.Budget.Spend() : null;

    /// <summary>How many rooms a connection is in (besides its own).</summary>
    public int RoomCount(string sid)
    {
        if (!_bySid.TryGetValue(sid, out var entry)) return 0;
        lock (_roomLock) return entry.Rooms.Count;
    }

    /// <summary>Forgets a connection and returns the rooms it was in.</summary>
    public IReadOnlyCollection<string> Remove(string sid)
    {
        if (!_bySid.TryRemove(sid, out var entry)) return [];
        IDisposable? expiry;
        lock (_roomLock) expiry = entry.Expiry;
        expiry?.Dispose();
        var ns = entry.Connection.Info.Namespace;
        if (_byNamespace.TryGetValue(ns, out var members)) members.TryRemove(sid, out _);
        lock (_roomLock)
        {
            var rooms = entry.Rooms.ToArray();
            foreach (var room in rooms) RemoveFromRoom(ns, room, sid);
            return rooms;
        }
    }

    /// <summary>Closes every local connection (the server is shutting down).</summary>
    public void CloseAll(string reason)
    {
        foreach (var entry in _bySid.Values) entry.Connection.Close(reason);
    }

    public IRealtimeConnection? Find(string sid) => _bySid.TryGetValue(sid, out var entry) ? entry.Connection : null;

    /// <summary>Who a local connection is, as it was admitted; null once it is gone.</summary>
    public UserIdentity? IdentityOf(string sid) => _bySid.TryGetValue(sid, out var entry) ? entry.Identity : null;

    public IReadOnlyCollection<string> RoomsOf(string sid)
    {
        if (!_bySid.TryGetValue(sid, out var entry)) return [];
        lock (_roomLock) return entry.Rooms.ToArray();
    }

    /// <summary>Adds a connection to a room; false when it was already in it or is gone.</summary>
    public bool Join(string sid, string room)
    {
        if (!_bySid.TryGetValue(sid, out var entry)) return false;
        lock (_roomLock)
        {
            if (!entry.Rooms.Add(room)) return false;
            _byRoom.GetOrAdd(RoomKey.Of(entry.Connection.Info.Namespace, room), _ => new()).TryAdd(sid, entry.Connection);
            return true;
        }
    }

    public bool Leave(string sid, string room)
    {
        if (!_bySid.TryGetValue(sid, out var entry)) return false;
        lock (_roomLock)
        {
            if (!entry.Rooms.Remove(room)) return false;
            RemoveFromRoom(entry.Connection.Info.Namespace, room, sid);
            return true;
        }
    }

    public void Deliver(Delivery delivery)
    {
        var prepared = new PreparedEvent(delivery.Event);
        switch (delivery.Scope)
        {
            case DeliveryScope.Connections:
                foreach (var sid in delivery.Sids ?? [])
                    if (sid != delivery.ExceptSid && _bySid.TryGetValue(sid, out var entry)) entry.Connection.Send(prepared);
                break;
            case DeliveryScope.Room:
                SendToAll(_byRoom.GetValueOrDefault(RoomKey.Of(delivery.Namespace, delivery.Room ?? "")), prepared, delivery.ExceptSid);
                break;
            case DeliveryScope.Namespace:
                SendToAll(_byNamespace.GetValueOrDefault(delivery.Namespace), prepared, delivery.ExceptSid);
                break;
        }
    }

    private static void SendToAll(Members? members, PreparedEvent prepared, string? exceptSid)
    {
        if (members is null) return;
        foreach (var (sid, connection) in members)
            if (sid != exceptSid) connection.Send(prepared);
    }

    // Callers hold _roomLock.
    private void RemoveFromRoom(string ns, string room, string sid)
    {
        var key = RoomKey.Of(ns, room);
        if (!_byRoom.TryGetValue(key, out var members)) return;
        members.TryRemove(sid, out _);
        // An empty room's index entry is dropped so that rooms come and go without leaking memory.
        if (members.IsEmpty) _byRoom.TryRemove(key, out _);
    }

    private sealed class Members : ConcurrentDictionary<string, IRealtimeConnection>;

    // Rooms and Expiry are guarded by _roomLock; a plain set keeps an idle connection small.
    private sealed class Entry(IRealtimeConnection connection, UserIdentity identity, EventBudget budget)
    {
        public IRealtimeConnection Connection { get; } = connection;
        public UserIdentity Identity { get; } = identity;
        public EventBudget Budget { get; } = budget;
        public HashSet<string> Rooms { get; } = [];
        public IDisposable? Expiry { get; set; }
    }
}
