using ActorChat.Realtime;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// The fronts that hold a grain's members, with a member count each, so that a grain reaches every
/// front once however many of its members that front holds.
/// </summary>
internal sealed class FrontSet
{
    private readonly Dictionary<string, Entry> _fronts = new();

    public int FrontCount => _fronts.Count;

    public IEnumerable<FrontCount> Counts => _fronts.Select(f => new FrontCount(f.Key, f.Value.Members));

    public void Add(string frontId, IFrontObserver observer)
    {
        _fronts.TryGetValue(frontId, out var entry);
        // The newest reference wins: a front that re-registers after a restart of its observer gets a new one.
        _fronts[frontId] = new Entry(observer, entry.Members + 1);
    }

    public void Remove(string frontId)
    {
        if (!_fronts.TryGetValue(frontId, out var entry)) return;
        if (entry.Members <= 1) _fronts.Remove(frontId);
        else _fronts[frontId] = entry with { Members = entry.Members - 1 };
    }

    public IFrontObserver? Find(string frontId) => _fronts.TryGetValue(frontId, out var entry) ? entry.Observer : null;

    /// <summary>Hands the same delivery to every front (one-way calls: a slow front does not hold the grain).</summary>
    public void DeliverToAll(Delivery delivery)
    {
        foreach (var entry in _fronts.Values) entry.Observer.Deliver(delivery).Ignore();
    }

    private readonly record struct Entry(IFrontObserver Observer, int Members);
}
