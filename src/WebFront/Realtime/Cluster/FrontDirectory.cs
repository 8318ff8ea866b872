using System.Collections.Concurrent;
using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// The other live fronts, refreshed with every lease renewal, so that a push to a connection on
/// another front needs no lookup.
/// </summary>
public sealed class FrontDirectory(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, FrontEntry> _fronts = new();

    /// <summary>Finds a front by id, asking the directory grain when it is not known yet.</summary>
    public async ValueTask<IFrontObserver?> FindAsync(string frontId)
    {
        if (_fronts.TryGetValue(frontId, out var front)) return front.Observer;
        Refresh(await grains.GetGrain<IFrontDirectoryGrain>(IFrontDirectoryGrain.Key).GetFronts());
        return _fronts.GetValueOrDefault(frontId)?.Observer;
    }

    /// <summary>Takes the live fronts; returns those known before that are gone now, with the epoch they had.</summary>
    internal List<FrontEntry> Refresh(FrontEntry[] fronts)
    {
        foreach (var front in fronts) _fronts[front.FrontId] = front;
        var gone = new List<FrontEntry>();
        foreach (var id in _fronts.Keys.Except(fronts.Select(f => f.FrontId)).ToList())
            if (_fronts.TryRemove(id, out var entry)) gone.Add(entry);
        return gone;
    }
}
