using System.Collections.Concurrent;
using ActorChat.Realtime;
using ActorChat.WebFront.Identity;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>
/// The sockets this front holds, indexed by connection id, namespace, user and room. The front is the
/// only writer of its connections' room memberships, so this index is what room grains rebuild from.
/// A membership is <em>joining</em> until the room grain has it, then <em>joined</em>, and
/// <em>leaving</em> until the grain has let it go: deliveries reach joining and joined members (so a
/// new member hears everything the grain accepts after its join), while a grain that rebuilds hears
/// of joined and leaving ones (so the join or leave it is about to receive still counts as a change).
/// </summary>
public sealed class LocalConnections(IOptions<LimitsOptions> limits)
{
    private readonly ConcurrentDictionary<string, Entry> _bySid = new();
    private readonly ConcurrentDictionary<string, Members> _byNamespace = new();
    private readonly ConcurrentDictionary<string, Members> _byUser = new();
    private readonly ConcurrentDictionary<string, RoomMembers> _byRoom = new();
    // Connects, joins and leaves are rare next to deliveries; one lock keeps "drop an empty entry" from racing an add.
    private readonly Lock _roomLock = new();

    public int Count => _bySid.Count;

    public IEnumerable<IRealtimeConnection> All => _bySid.Values.Select(e => e.Connection);

    public void Add(IRealtimeConnection connection, UserIdentity identity)
    {
        var info = connection.Info;
        _bySid[info.Sid] = new Entry(connection, identity, new EventBudget(limits.Value));
        lock (_roomLock)
        {
            _byNamespace.GetOrAdd(info.Namespace, _ => new()).TryAdd(info.Sid, connection);
            _byUser.GetOrAdd(info.User, _ => new()).TryAdd(info.Sid, connection);
        }
    }

    /// <summary>
    /// Forgets a connection and returns the rooms it was in. Its memberships stay, as leaving, until
    /// <see cref="CompleteLeave"/> for each room (the grains still have them until then).
    /// </summary>
    public IReadOnlyCollection<string> Remove(string sid)
    {
        if (!_bySid.TryRemove(sid, out var entry)) return [];
        var info = entry.Connection.Info;
        lock (_roomLock)
        {
            entry.Expiry?.Dispose();
            Unindex(_byNamespace, info.Namespace, sid);
            Unindex(_byUser, info.User, sid);
            var rooms = entry.Rooms.Keys.ToArray();
            foreach (var membership in entry.Rooms.Values) membership.State = RoomState.Leaving;
            return rooms;
        }
    }

    public IRealtimeConnection? Find(string sid) => _bySid.TryGetValue(sid, out var entry) ? entry.Connection : null;

    /// <summary>Who a local connection is, as it was admitted; null once it is gone.</summary>
    public UserIdentity? IdentityOf(string sid) => _bySid.TryGetValue(sid, out var entry) ? entry.Identity : null;

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

    /// <summary>
    /// Refuses a join that would put a connection in more than <see cref="LimitsOptions.RoomsPerConnection"/>
    /// rooms (not counting the one named by its own id); joining a room it is already in is always fine.
    /// </summary>
    public void CheckRoomLimit(string sid, string room)
    {
        if (!_bySid.TryGetValue(sid, out var entry)) return;
        var limit = limits.Value.RoomsPerConnection;
        lock (_roomLock)
        {
            if (entry.Rooms.TryGetValue(room, out var existing) && existing.State != RoomState.Leaving) return;
            if (entry.Rooms.Values.Count(m => m.State != RoomState.Leaving) < limit) return;
        }
        throw new ClientInputException(ClientError.TooManyRooms, $"A connection may be in at most {limit} rooms; leave one first.",
            new Dictionary<string, object?> { ["room"] = room, ["limit"] = limit });
    }

    /// <summary>The rooms a connection is in or joining.</summary>
    public IReadOnlyCollection<string> RoomsOf(string sid)
    {
        if (!_bySid.TryGetValue(sid, out var entry)) return [];
        lock (_roomLock) return entry.Rooms.Where(r => r.Value.State != RoomState.Leaving).Select(r => r.Key).ToArray();
    }

    /// <summary>Ties a session (its token) to a local connection.</summary>
    public void SetSession(string sid, string token)
    {
        if (_bySid.TryGetValue(sid, out var entry)) entry.Session = token;
    }

    /// <summary>The token of a local connection's session; null when it has none or is gone.</summary>
    public string? SessionOf(string sid) => _bySid.TryGetValue(sid, out var entry) ? entry.Session : null;

    /// <summary>The rooms a connection is in, each with its history's epoch and the last offset delivered to the connection.</summary>
    public RoomPosition[] PositionsOf(string sid)
    {
        if (!_bySid.TryGetValue(sid, out var entry)) return [];
        lock (_roomLock)
            return entry.Rooms.Where(r => r.Value.State == RoomState.Joined)
                .Select(r => new RoomPosition(r.Key, r.Value.Epoch, Interlocked.Read(ref r.Value.Delivered))).ToArray();
    }

    /// <summary>
    /// Starts a join: deliveries to the room reach the connection from now; with <paramref name="hold"/> they wait
    /// until <see cref="Release"/> (a resume first replays what the connection missed). False when it is already
    /// in or joining the room, or gone.
    /// </summary>
    public bool BeginJoin(string sid, string room, bool hold = false)
    {
        if (!_bySid.TryGetValue(sid, out var entry)) return false;
        lock (_roomLock)
        {
            if (entry.Rooms.TryGetValue(room, out var existing))
            {
                if (existing.State != RoomState.Leaving) return false;
                existing.State = RoomState.Joining;
                return true;
            }
            var membership = new RoomMembership(entry.Connection) { Held = hold ? [] : null };
            entry.Rooms[room] = membership;
            _byRoom.GetOrAdd(RoomKey.Of(entry.Connection.Info.Namespace, room), _ => new()).TryAdd(sid, membership);
            return true;
        }
    }

    /// <summary>The room grain has the member, as of <paramref name="change"/>'s epoch and offset.</summary>
    public void CompleteJoin(string sid, string room, RoomChange change)
    {
        if (!_bySid.TryGetValue(sid, out var entry)) return;
        lock (_roomLock)
        {
            if (!entry.Rooms.TryGetValue(room, out var membership) || membership.State != RoomState.Joining) return;
            membership.State = RoomState.Joined;
            membership.Epoch = change.Epoch;
            // Messages numbered after the join may already have reached it.
            if (Interlocked.Read(ref membership.Delivered) < change.Offset) Interlocked.Exchange(ref membership.Delivered, change.Offset);
        }
    }

    /// <summary>
    /// Ends a held join (<see cref="BeginJoin"/>): sends <paramref name="replay"/> (what the connection missed, in
    /// order), then what was held meanwhile, skipping any held message the replay already had.
    /// </summary>
    public void Release(string sid, string room, IReadOnlyList<PreparedEvent> replay)
    {
        if (!_bySid.TryGetValue(sid, out var entry)) return;
        RoomMembership? membership;
        lock (_roomLock) entry.Rooms.TryGetValue(room, out membership);
        if (membership is null) return;
        lock (membership)
        {
            var last = 0L;
            foreach (var prepared in replay)
            {
                membership.Connection.SendInRoom(room, prepared);
                last = Math.Max(last, prepared.Offset);
            }
            var replayed = last;
            foreach (var prepared in membership.Held ?? [])
            {
                if (prepared.Offset != 0 && prepared.Offset <= replayed) continue;
                membership.Connection.SendInRoom(room, prepared);
                last = Math.Max(last, prepared.Offset);
            }
            membership.Held = null;
            if (Interlocked.Read(ref membership.Delivered) < last) Interlocked.Exchange(ref membership.Delivered, last);
        }
    }

    /// <summary>Starts a leave: no more deliveries from the room. False when the connection is not in the room.</summary>
    public bool BeginLeave(string sid, string room)
    {
        if (!_bySid.TryGetValue(sid, out var entry)) return false;
        lock (_roomLock)
        {
            if (!entry.Rooms.TryGetValue(room, out var membership) || membership.State == RoomState.Leaving) return false;
            membership.State = RoomState.Leaving;
            return true;
        }
    }

    /// <summary>The room grain has let the member go (or failed to take it): forget the membership unless it was joined again meanwhile.</summary>
    public void CompleteLeave(string sid, string @namespace, string room)
    {
        lock (_roomLock)
        {
            var key = RoomKey.Of(@namespace, room);
            if (!_byRoom.TryGetValue(key, out var members) || !members.TryGetValue(sid, out var membership) || membership.State != RoomState.Leaving) return;
            members.TryRemove(sid, out _);
            // An empty room's index entry is dropped so that rooms come and go without leaking memory.
            if (members.IsEmpty) _byRoom.TryRemove(key, out _);
            if (_bySid.TryGetValue(sid, out var entry)) entry.Rooms.Remove(room);
        }
    }

    /// <summary>
    /// What this front holds of one grain's members: a user's or a namespace's connections, a room's
    /// joined and still leaving members, and with <paramref name="withJoining"/> those joining too.
    /// A grain rebuilding itself is told without them (their join is on its way and announces them);
    /// a front re-telling everything after a lost lease includes them (their join may already have landed).
    /// </summary>
    public ClientConnection[] Describe(MemberScope scope, string key, bool withJoining = false) => scope switch
    {
        MemberScope.Room => _byRoom.TryGetValue(key, out var room)
            ? room.Values.Where(m => withJoining || m.State != RoomState.Joining).Select(m => m.Connection.Info).ToArray()
            : [],
        MemberScope.User => Infos(_byUser.GetValueOrDefault(key)),
        MemberScope.Namespace => Infos(_byNamespace.GetValueOrDefault(key)),
        _ => [],
    };

    /// <summary>The users the local members of a room were last told are present there, by the room's own announcements.</summary>
    public string[] PresentUsers(string roomKey)
    {
        if (!_byRoom.TryGetValue(roomKey, out var room)) return [];
        lock (room.Present) return [.. room.Present];
    }

    /// <summary>The rooms this front has local members in, as room keys.</summary>
    public IEnumerable<string> RoomKeys => _byRoom.Keys;

    /// <summary>Every grain this front holds members of, each with those members: what a front re-tells after it lost its lease.</summary>
    public IEnumerable<(MemberScope Scope, string Key, ClientConnection[] Members)> Slices()
    {
        foreach (var user in _byUser.Keys) yield return (MemberScope.User, user, Describe(MemberScope.User, user));
        foreach (var ns in _byNamespace.Keys) yield return (MemberScope.Namespace, ns, Describe(MemberScope.Namespace, ns));
        foreach (var room in _byRoom.Keys) yield return (MemberScope.Room, room, Describe(MemberScope.Room, room, withJoining: true));
    }

    /// <summary>Hands a delivery to the local connections it targets; returns how many sockets got it.</summary>
    public int Deliver(Delivery delivery)
    {
        var prepared = new PreparedEvent(delivery.Event) { Room = delivery.Offset > 0 ? delivery.Room : null, Offset = delivery.Offset };
        var sent = 0;
        switch (delivery.Scope)
        {
            case DeliveryScope.Connections:
                foreach (var sid in delivery.Sids ?? [])
                    if (sid != delivery.ExceptSid && _bySid.TryGetValue(sid, out var entry)) Send(entry.Connection, prepared, ref sent);
                break;
            case DeliveryScope.Room:
                if (!_byRoom.TryGetValue(RoomKey.Of(delivery.Namespace, delivery.Room ?? ""), out var room)) break;
                if (delivery.Presence is { } change) Remember(room, change);
                foreach (var (sid, membership) in room)
                    if (sid != delivery.ExceptSid && membership.State != RoomState.Leaving) Offer(membership, delivery.Room!, prepared, ref sent);
                break;
            case DeliveryScope.Namespace:
                if (_byNamespace.TryGetValue(delivery.Namespace, out var members))
                    foreach (var (sid, connection) in members)
                        if (sid != delivery.ExceptSid) Send(connection, prepared, ref sent);
                break;
        }
        return sent;
    }

    private static void Remember(RoomMembers room, PresenceChange change)
    {
        lock (room.Present)
        {
            if (change.Present) room.Present.Add(change.User);
            else room.Present.Remove(change.User);
        }
    }

    /// <summary>Sends a room delivery to a member, or holds it while the member's resume replays what it missed.</summary>
    private static void Offer(RoomMembership membership, string room, PreparedEvent prepared, ref int sent)
    {
        if (membership.Held is not null)
        {
            lock (membership)
            {
                if (membership.Held is { } held)
                {
                    held.Add(prepared);
                    return;
                }
            }
        }
        if (prepared.Offset > Interlocked.Read(ref membership.Delivered)) Interlocked.Exchange(ref membership.Delivered, prepared.Offset);
        membership.Connection.SendInRoom(room, prepared);
        sent++;
    }

    private static void Send(IRealtimeConnection connection, PreparedEvent prepared, ref int sent)
    {
        connection.Send(prepared);
        sent++;
    }

    private static ClientConnection[] Infos(Members? members) => members?.Values.Select(c => c.Info).ToArray() ?? [];

    // Callers hold _roomLock.
    private static void Unindex(ConcurrentDictionary<string, Members> index, string key, string sid)
    {
        if (!index.TryGetValue(key, out var members)) return;
        members.TryRemove(sid, out _);
        if (members.IsEmpty) index.TryRemove(key, out _);
    }

    private enum RoomState { Joining, Joined, Leaving }

    private sealed class RoomMembership(IRealtimeConnection connection)
    {
        public IRealtimeConnection Connection { get; } = connection;
        public volatile RoomState State = RoomState.Joining;
        /// <summary>The room history's epoch the membership was joined under.</summary>
        public string Epoch = "";
        /// <summary>The latest offset delivered to the connection in this room: where its session resumes from.</summary>
        public long Delivered;
        /// <summary>Deliveries held while a resume replays what the connection missed; null otherwise. Guarded by lock(this).</summary>
        public volatile List<PreparedEvent>? Held;
    }

    private sealed class Members : ConcurrentDictionary<string, IRealtimeConnection>;

    private sealed class RoomMembers : ConcurrentDictionary<string, RoomMembership>
    {
        /// <summary>The users this room's local members were last told are present (from the room's presence announcements).</summary>
        public HashSet<string> Present { get; } = new(StringComparer.Ordinal);
    }

    // Rooms and Expiry are guarded by _roomLock; a plain dictionary keeps an idle connection small.
    private sealed class Entry(IRealtimeConnection connection, UserIdentity identity, EventBudget budget)
    {
        public IRealtimeConnection Connection { get; } = connection;
        public UserIdentity Identity { get; } = identity;
        public EventBudget Budget { get; } = budget;
        public Dictionary<string, RoomMembership> Rooms { get; } = new(StringComparer.Ordinal);
        public IDisposable? Expiry { get; set; }
        public string? Session { get; set; }
    }
}
