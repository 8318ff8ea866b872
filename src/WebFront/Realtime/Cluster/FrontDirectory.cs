using System.Collections.Concurrent;
using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// The other live fronts, refreshed with every lease renewal, so that a push to a connection on
/// another front needs no lookup.
/// </summary>
public sealed class FrontDirectory(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, IFrontObserver> _fronts = new();

    /// <summary>Finds a front by id, asking the directory grain when it is not known yet.</summary>
    public async ValueTask<IFrontObserver?> FindAsync(string frontId)
    {
        if (_fronts.TryGetValue(frontId, out var front)) return front;
        Refresh(await grains.GetGrain<IFrontDirectoryGrain>(IFrontDirectoryGrain.Key).GetFronts());
        return _fronts.GetValueOrDefault(frontId);
    }

    internal void Refresh(FrontEntry[] fronts)
    {
        foreach (var front in fronts) _fronts[front.FrontId] = front.Observer;
        foreach (var gone in _fronts.Keys.Except(fronts.Select(f => f.FrontId)).ToList()) _fronts.TryRemove(gone, out _);
    }
}
