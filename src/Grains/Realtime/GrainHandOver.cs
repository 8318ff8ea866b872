using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;
using Orleans.Runtime;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// Before a silo stops, hands the grains that keep their state only in memory (a room's history, a session) to
/// another silo, state and all, so a rolling restart loses neither. Orleans itself only deactivates a stopping
/// silo's grains: their next activation would start empty (a room's history in a new epoch, a dropped client's
/// session gone). Such grains declare it by implementing <see cref="IGrainMigrationParticipant"/> and register here
/// while active. One per silo. A silo that dies cannot hand anything over; the grains' rebuild covers that case.
/// </summary>
public sealed class GrainHandOver(IClusterMembershipService membership, ILocalSiloDetails local, ILogger<GrainHandOver> logger)
{
    /// <summary>How long a stopping silo waits for its grains to move before it lets Orleans deactivate the rest.</summary>
    private static readonly TimeSpan MoveTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a stopping silo looks for another active one to hand its grains to.</summary>
    private static readonly TimeSpan TargetTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<GrainId, IGrainContext> _active = new();

    public void Add(IGrainContext grain) => _active[grain.GrainId] = grain;

    public void Remove(IGrainContext grain) => _active.TryRemove(new KeyValuePair<GrainId, IGrainContext>(grain.GrainId, grain));

    /// <summary>Moves every registered grain to another active silo and waits until they have left (at most <see cref="MoveTimeout"/>).</summary>
    public async Task MoveAllAsync(CancellationToken cancellationToken)
    {
        var grains = _active.Values.ToList();
        // A silo that was always alone (the embedded default) has nowhere to hand anything.
        var alone = membership.CurrentSnapshot.Members.Keys.All(silo => silo.Equals(local.SiloAddress));
        if (grains.Count == 0 || alone) return;
        if (await TargetAsync(cancellationToken) is not { } target)
        {
            logger.LogWarning("No other active silo to hand {Count} grains over to; their state is lost with this silo", grains.Count);
            return;
        }

        // The hint makes placement choose the target, not this silo again (it is still active until Orleans stops).
        var context = new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = target };
        foreach (var grain in grains) grain.Migrate(context, cancellationToken);
        try
        {
            await Task.WhenAll(grains.Select(g => g.Deactivated)).WaitAsync(MoveTimeout, cancellationToken);
            logger.LogInformation("Handed {Count} grains over to {Target} before stopping", grains.Count, target);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("{Left} of {Count} grains had not moved to {Target} after {Timeout}; Orleans deactivates them",
                grains.Count(g => !g.Deactivated.IsCompleted), grains.Count, target, MoveTimeout);
        }
    }

    /// <summary>
    /// Another active silo. In a rolling restart the one restarted just before may not be in this silo's view yet,
    /// so the membership table is read again for a while.
    /// </summary>
    private async Task<SiloAddress?> TargetAsync(CancellationToken cancellationToken)
    {
        var waitUntil = DateTime.UtcNow + TargetTimeout;
        while (true)
        {
            var others = membership.CurrentSnapshot.Members.Values.Where(m => !m.SiloAddress.Equals(local.SiloAddress)).ToList();
            var active = others.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToList();
            if (active.Count > 0) return active[Random.Shared.Next(active.Count)];
            if (DateTime.UtcNow >= waitUntil) return null;
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            await membership.Refresh(cancellationToken: cancellationToken);
        }
    }
}
