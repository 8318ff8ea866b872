using Orleans.Runtime;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// Which grains active on this silo hold members of which front, with the oldest lease epoch they
/// hold of it. One per silo: <see cref="FrontLeaseWatcher"/> compares it with the live leases once a
/// second, so a front's death costs one directory call per silo, not a timer per grain.
/// </summary>
public sealed class FrontTracker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<GrainId, long>> _byFront = new(StringComparer.Ordinal);
    private readonly Dictionary<GrainId, string[]> _byGrain = new();

    public bool IsEmpty
    {
        get { lock (_lock) return _byGrain.Count == 0; }
    }

    /// <summary>Records what a grain holds now: the oldest epoch it holds of each front.</summary>
    public void Report(GrainId grain, IEnumerable<KeyValuePair<string, long>> oldestEpochs)
    {
        var fronts = oldestEpochs.ToArray();
        lock (_lock)
        {
            Unlink(grain);
            if (fronts.Length == 0) return;
            foreach (var (frontId, epoch) in fronts)
            {
                if (!_byFront.TryGetValue(frontId, out var grains)) _byFront[frontId] = grains = new();
                grains[grain] = epoch;
            }
            _byGrain[grain] = fronts.Select(f => f.Key).ToArray();
        }
    }

    /// <summary>The grain is gone from this silo.</summary>
    public void Forget(GrainId grain)
    {
        lock (_lock) Unlink(grain);
    }

    /// <summary>
    /// Every grain that holds members of a front under an epoch below that front's live lease (or of
    /// a front with no live lease at all), with the epoch below which it must forget them.
    /// </summary>
    public List<(GrainId Grain, string FrontId, long BelowEpoch)> Stale(IReadOnlyDictionary<string, long> liveEpochs)
    {
        var stale = new List<(GrainId, string, long)>();
        lock (_lock)
        {
            foreach (var (frontId, grains) in _byFront)
            {
                var below = liveEpochs.TryGetValue(frontId, out var live) ? live : long.MaxValue;
                foreach (var (grain, oldest) in grains)
                    if (oldest < below) stale.Add((grain, frontId, below));
            }
        }
        return stale;
    }

    // Callers hold _lock.
    private void Unlink(GrainId grain)
    {
        if (!_byGrain.Remove(grain, out var fronts)) return;
        foreach (var frontId in fronts)
        {
            var grains = _byFront[frontId];
            grains.Remove(grain);
            if (grains.Count == 0) _byFront.Remove(frontId);
        }
    }
}
