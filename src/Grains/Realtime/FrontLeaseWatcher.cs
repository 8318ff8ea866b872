using ActorChat.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// Runs on every silo: once per <see cref="FrontDirectoryOptions.CheckInterval"/> it reads the live
/// leases (one call, and none while no grain here holds members) and tells each grain of this silo
/// that still holds members of a front whose lease ended to forget them.
/// </summary>
public sealed class FrontLeaseWatcher(
    IGrainFactory grains,
    FrontTracker tracker,
    IOptions<FrontDirectoryOptions> options,
    ILogger<FrontLeaseWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        GrainMetrics.Publish();
        using var timer = new PeriodicTimer(options.Value.CheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (tracker.IsEmpty) continue;
            try
            {
                await CheckAsync();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The directory may be moving to another silo; nothing is forgotten until it answers.
                logger.LogDebug(ex, "Could not check front leases");
            }
        }
    }

    private async Task CheckAsync()
    {
        var live = await grains.GetGrain<IFrontDirectoryGrain>(IFrontDirectoryGrain.Key).GetFronts();
        var stale = tracker.Stale(live.ToDictionary(f => f.FrontId, f => f.Epoch));
        if (stale.Count == 0) return;
        foreach (var frontId in stale.Select(s => s.FrontId).Distinct())
            logger.LogInformation("Front {FrontId} lost its lease: dropping its connections from {Grains} grains on this silo",
                frontId, stale.Count(s => s.FrontId == frontId));
        await Task.WhenAll(stale.Select(s => grains.GetGrain<IFrontMemberGrain>(s.Grain).ForgetFront(s.FrontId, s.BelowEpoch)));
    }
}
