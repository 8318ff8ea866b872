using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// Takes and renews this front's lease every <see cref="RealtimeOptions.FrontHeartbeat"/>. When the
/// directory says the lease expired (the front was paused, partitioned or cut off from the cluster
/// for longer than the lease), the grains have already dropped its connections: it registers afresh
/// under a higher epoch and re-tells every grain its slice, so its clients keep their sockets.
/// </summary>
public sealed class FrontLeaseKeeper(
    IGrainFactory grains,
    FrontIdentity identity,
    FrontObserver observer,
    FrontLease lease,
    FrontDirectory directory,
    LocalConnections local,
    IOptions<RealtimeOptions> options,
    ILogger<FrontLeaseKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private IFrontObserver? _reference;

    private IFrontDirectoryGrain Directory => grains.GetGrain<IFrontDirectoryGrain>(IFrontDirectoryGrain.Key);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FrontMetrics.Publish();
        _reference = grains.CreateObjectReference<IFrontObserver>(observer);
        var epoch = 1L;
        var register = true;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var entry = new FrontEntry(identity.FrontId, _reference, epoch);
            try
            {
                var grant = await Directory.Renew(entry, register).WaitAsync(options.Value.FrontHeartbeat, stoppingToken);
                if (failing) logger.LogInformation("Front {FrontId} reaches the cluster again", identity.FrontId);
                failing = false;
                // A front that lost its lease finds itself among the gone; its own rooms are re-told below instead.
                if (directory.Refresh(grant.Fronts).Where(f => f.FrontId != identity.FrontId).ToList() is { Count: > 0 } gone) _ = SweepAsync(gone);
                if (!grant.Renewed)
                {
                    if (!register) logger.LogWarning("Front {FrontId} lost its lease: the cluster dropped its connections; registering them again", identity.FrontId);
                    var retryNow = !register;
                    (epoch, register) = (epoch + 1, true);
                    if (retryNow) continue;
                    await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                }
                if (register)
                {
                    lease.Granted(entry, grant.Duration);
                    if (epoch == 1) logger.LogInformation("Front {FrontId} joined the cluster", identity.FrontId);
                    else await ResyncAsync(entry, stoppingToken);
                    register = false;
                }
                else lease.Renewed(grant.Duration);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (!failing) logger.LogWarning("Front {FrontId} cannot renew its lease: {Problem}", identity.FrontId, ex.Message);
                failing = true;
                await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }
            await Task.Delay(options.Value.FrontHeartbeat, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Another front's lease ended. Silos drop its members from the grains they host; but a room that
    /// lived on a silo that died with that front (one process that was both) is gone too, and nothing
    /// would call it again. Touching every room this front has members in brings such rooms back, and a
    /// rebuilt room tells its members who is no longer there.
    /// </summary>
    private async Task SweepAsync(List<FrontEntry> gone)
    {
        var rooms = local.RoomKeys.ToList();
        foreach (var front in gone)
        {
            logger.LogInformation("Front {FrontId} is gone; checking the {Rooms} rooms this front shares with the cluster", front.FrontId, rooms.Count);
            try
            {
                await Parallel.ForEachAsync(rooms, new ParallelOptions { MaxDegreeOfParallelism = 64 },
                    async (room, _) => await grains.GetGrain<IRoomGrain>(room).ForgetFront(front.FrontId, front.Epoch + 1));
            }
            catch (Exception ex)
            {
                logger.LogWarning("Checking rooms after front {FrontId} left failed: {Problem}", front.FrontId, ex.Message);
            }
        }
    }

    /// <summary>Re-tells every grain this front holds members of exactly which ones, under the new epoch.</summary>
    private async Task ResyncAsync(FrontEntry entry, CancellationToken cancel)
    {
        var started = TimeProvider.System.GetTimestamp();
        var slices = local.Slices().ToList();
        await Parallel.ForEachAsync(slices, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancel }, async (slice, _) =>
        {
            IFrontMemberGrain grain = slice.Scope switch
            {
                MemberScope.User => grains.GetGrain<IUserGrain>(slice.Key),
                MemberScope.Namespace => grains.GetGrain<INamespaceGrain>(slice.Key),
                _ => grains.GetGrain<IRoomGrain>(slice.Key),
            };
            await grain.SyncFront(entry, slice.Members);
        });
        FrontMetrics.Resyncs.Add(1);
        logger.LogInformation("Front {FrontId} registered {Connections} connections again at epoch {Epoch} ({Grains} grains, {Elapsed} ms)",
            identity.FrontId, local.Count, entry.Epoch, slices.Count, (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
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
        if (_reference is not null) grains.DeleteObjectReference<IFrontObserver>(_reference);
    }
}
