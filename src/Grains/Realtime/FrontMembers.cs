using ActorChat.Realtime;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// A grain's members grouped by the front that holds them, keyed by connection id, each with the
/// lease epoch it was added under. Grouping by front lets a grain reach every front once however
/// many of its members that front holds, and drop all of a front's members when its lease ends.
/// Every change is idempotent: adding a member twice or removing an absent one changes nothing.
/// </summary>
internal sealed class FrontMembers
{
    private readonly Dictionary<string, Front> _fronts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClientConnection> _bySid = new(StringComparer.Ordinal);

    public int Count => _bySid.Count;

    public int FrontCount => _fronts.Count;

    public IEnumerable<ClientConnection> All => _bySid.Values;

    public IEnumerable<FrontCount> Counts => _fronts.Select(f => new FrontCount(f.Key, f.Value.Members.Count));

    /// <summary>The oldest epoch each front's members were added under: what a lease check compares.</summary>
    public IEnumerable<KeyValuePair<string, long>> OldestEpochs => _fronts.Select(f => KeyValuePair.Create(f.Key, f.Value.Members.Values.Min()));

    /// <summary>Changes whenever <see cref="OldestEpochs"/> may have changed, so callers re-report it only then.</summary>
    public int FrontsVersion { get; private set; }

    public ClientConnection? Find(string sid) => _bySid.GetValueOrDefault(sid);

    public IFrontObserver? ObserverOf(string frontId) => _fronts.GetValueOrDefault(frontId)?.Observer;

    public bool Add(ClientConnection member, FrontEntry front)
    {
        var entry = Enter(front);
        if (!_bySid.TryAdd(member.Sid, member)) return false;
        // A member added under an older epoch than the front already showed is still the front's
        // current connection (the add was in flight while the front re-registered).
        entry.Members[member.Sid] = entry.Epoch;
        if (entry.Members.Count == 1) FrontsVersion++;
        return true;
    }

    public ClientConnection? Remove(string sid)
    {
        if (!_bySid.Remove(sid, out var member)) return null;
        var front = _fronts[member.FrontId];
        front.Members.Remove(sid);
        if (front.Members.Count == 0) _fronts.Remove(member.FrontId);
        FrontsVersion++;
        return member;
    }

    /// <summary>Removes a front's members added under an epoch below <paramref name="belowEpoch"/>; returns them.</summary>
    public List<ClientConnection> Forget(string frontId, long belowEpoch)
    {
        if (!_fronts.TryGetValue(frontId, out var front)) return [];
        var stale = front.Members.Where(m => m.Value < belowEpoch).Select(m => m.Key).ToList();
        return stale.Select(Remove).OfType<ClientConnection>().ToList();
    }

    /// <summary>Makes <paramref name="members"/> exactly what this grain holds of the front; returns what came and went.</summary>
    public (List<ClientConnection> Added, List<ClientConnection> Removed) Replace(FrontEntry front, IReadOnlyCollection<ClientConnection> members)
    {
        var keep = members.Select(m => m.Sid).ToHashSet(StringComparer.Ordinal);
        var removed = _fronts.TryGetValue(front.FrontId, out var existing)
            ? existing.Members.Keys.Where(sid => !keep.Contains(sid)).ToList().Select(Remove).OfType<ClientConnection>().ToList()
            : [];
        var entry = Enter(front);
        var added = new List<ClientConnection>();
        foreach (var member in members)
        {
            if (member.FrontId != front.FrontId) continue;
            if (_bySid.TryAdd(member.Sid, member)) added.Add(member);
            entry.Members[member.Sid] = front.Epoch;
        }
        if (entry.Members.Count == 0) _fronts.Remove(front.FrontId);
        FrontsVersion++;
        return (added, removed);
    }

    /// <summary>Every front with its lease and its members, for the grain's next activation on another silo.</summary>
    public MembersSnapshot Snapshot() => new(_fronts
        .Select(f => new FrontMembersSnapshot(new FrontEntry(f.Key, f.Value.Observer, f.Value.Epoch), f.Value.Members.Keys.Select(sid => _bySid[sid]).ToArray()))
        .ToArray());

    /// <summary>Takes what <see cref="Snapshot"/> gave, into an empty set.</summary>
    public void Restore(MembersSnapshot handedOver)
    {
        foreach (var front in handedOver.Fronts) Replace(front.Front, front.Members);
    }

    /// <summary>Hands the same delivery to every front at once and completes when each has taken it.</summary>
    public Task DeliverToAll(IGrainFactory grains, Delivery delivery) => _fronts.Count switch
    {
        0 => Task.CompletedTask,
        1 => FrontDelivery.SendAsync(grains, _fronts.Keys.First(), _fronts.Values.First().Observer, delivery),
        _ => Task.WhenAll(_fronts.Select(front => FrontDelivery.SendAsync(grains, front.Key, front.Value.Observer, delivery)).ToList()),
    };

    private Front Enter(FrontEntry lease)
    {
        if (!_fronts.TryGetValue(lease.FrontId, out var front))
            _fronts[lease.FrontId] = front = new Front(lease.Observer, lease.Epoch);
        else if (lease.Epoch >= front.Epoch)
            // The newest lease wins: a front that re-registered may have a new observer reference.
            (front.Observer, front.Epoch) = (lease.Observer, lease.Epoch);
        return front;
    }

    private sealed class Front(IFrontObserver observer, long epoch)
    {
        public IFrontObserver Observer { get; set; } = observer;
        public long Epoch { get; set; } = epoch;
        /// <summary>Connection id → the epoch it was added under.</summary>
        public Dictionary<string, long> Members { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>A grain's members as its activation hands them to the next one (<see cref="GrainHandOver"/>).</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.MembersSnapshot")]
internal sealed record MembersSnapshot([property: Id(0)] FrontMembersSnapshot[] Fronts);

/// <summary>One front's lease and the grain's members on it.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.FrontMembersSnapshot")]
internal sealed record FrontMembersSnapshot(
    [property: Id(0)] FrontEntry Front,
    [property: Id(1)] ClientConnection[] Members);
