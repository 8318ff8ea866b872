using System.Collections.Concurrent;
using ActorChat.Realtime;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// This front's membership in the cluster: it publishes the front's observer reference, sends
/// heartbeats to the front directory grain, and caches the other fronts so that a push to a
/// connection on another front needs no lookup.
/// </summary>
public sealed class FrontDirectory(
    IGrainFactory grains,
    FrontIdentity identity,
    FrontObserver observer,
    FrontReference self,
    IOptions<RealtimeOptions> options,
    ILogger<FrontDirectory> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, IFrontObserver> _fronts = new();
    /// <summary>Finds a front by id, asking the directory grain when it is not cached yet.</summary>
    public async ValueTask<IFrontObserver?> FindAsync(string frontId)
    {
        if (_fronts.TryGetValue(frontId, out var front)) return front;
        Refresh(await Directory.GetFronts());
        return _fronts.GetValueOrDefault(frontId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<IFrontObserver>(observer);
        self.Publish(reference);
        var entry = new FrontEntry(identity.FrontId, reference);
        logger.LogInformation("Front {FrontId} joined the cluster", identity.FrontId);
        using var timer = new PeriodicTimer(options.Value.FrontHeartbeat);
        do
        {
            try
            {
                Refresh(await Directory.Heartbeat(entry));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Front {FrontId} could not reach the front directory", identity.FrontId);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await Directory.Remove(identity.FrontId).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Front {FrontId} left without telling the directory", identity.FrontId);
        }
        if (self.Observer.IsCompletedSuccessfully) grains.DeleteObjectReference<IFrontObserver>(self.Observer.Result);
    }

    private IFrontDirectoryGrain Directory => grains.GetGrain<IFrontDirectoryGrain>(IFrontDirectoryGrain.Key);

    private void Refresh(FrontEntry[] fronts)
    {
        foreach (var front in fronts) _fronts[front.FrontId] = front.Observer;
        foreach (var gone in _fronts.Keys.Except(fronts.Select(f => f.FrontId)).ToList()) _fronts.TryRemove(gone, out _);
    }
}
