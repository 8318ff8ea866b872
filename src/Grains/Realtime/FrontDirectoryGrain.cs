using ActorChat.Realtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// The leases of live fronts. A lease lasts <see cref="FrontDirectoryOptions.ExpireAfter"/> past its
/// last renewal; an expired lease ends, and every silo's <see cref="FrontLeaseWatcher"/> then drops
/// that front's connections from its grains. The list is persisted whenever a lease starts or ends,
/// so a reactivated directory (its silo died) knows every front at once and gives each a full lease
/// from then: no front is expired for failing to reach a directory that was moving.
/// </summary>
public sealed class FrontDirectoryGrain(
    [PersistentState("frontLeases")] IPersistentState<FrontLeasesState> state,
    IOptions<FrontDirectoryOptions> options,
    TimeProvider clock,
    ILogger<FrontDirectoryGrain> logger) : Grain, IFrontDirectoryGrain
{
    /// <summary>Ended leases are remembered this long; a front gone longer registers as a new one.</summary>
    private static readonly TimeSpan RememberEnded = TimeSpan.FromDays(1);

    private readonly Dictionary<string, (FrontEntry Entry, DateTimeOffset LastRenewed)> _live = new(StringComparer.Ordinal);
    private bool _unsaved;

    private TimeSpan ExpireAfter => options.Value.ExpireAfter;

    /// <summary>How long a front on record has to answer a reactivated directory before its lease counts as ended.</summary>
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Loads the fronts on record and asks each whether it is there: one that answers gets a full lease
    /// from now (it could not renew while the directory moved); one that does not, died, probably with
    /// the silo the directory lived on, and its lease ends at once rather than a whole lease later.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var fronts = state.State.Live.Select(l => new FrontEntry(l.Key, GrainFactory.GetGrain<IFrontObserver>(GrainId.Parse(l.Value.Observer)), l.Value.Epoch)).ToList();
        var answered = await Task.WhenAll(fronts.Select(AnswersAsync));
        var now = clock.GetUtcNow();
        foreach (var (front, alive) in fronts.Zip(answered))
            _live[front.FrontId] = (front, alive ? now : DateTimeOffset.MinValue);
        // The directory is the cluster's record of fronts: it stays active rather than reload it.
        DelayDeactivation(TimeSpan.FromDays(3650));
    }

    private static async Task<bool> AnswersAsync(FrontEntry front)
    {
        try
        {
            await front.Observer.Ping().WaitAsync(PingTimeout);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public async Task<LeaseGrant> Renew(FrontEntry front, bool register)
    {
        await ExpireAsync();
        var renewed = _live.TryGetValue(front.FrontId, out var current)
            ? current.Entry.Epoch == front.Epoch || (register && front.Epoch > current.Entry.Epoch)
            : register && front.Epoch > (state.State.Ended.GetValueOrDefault(front.FrontId)?.Epoch ?? 0);
        if (renewed)
        {
            var isNew = current.Entry?.Epoch != front.Epoch;
            _live[front.FrontId] = (front, clock.GetUtcNow());
            if (isNew)
            {
                logger.LogInformation("Front {FrontId} took a lease at epoch {Epoch}", front.FrontId, front.Epoch);
                // A new lease must be on record before the front counts on it.
                _unsaved = true;
                await SaveAsync(throwOnFailure: true);
            }
        }
        return new LeaseGrant(renewed, ExpireAfter, Live());
    }

    public async Task<FrontEntry[]> GetFronts()
    {
        await ExpireAsync();
        return Live();
    }

    public async Task Remove(string frontId)
    {
        if (!_live.Remove(frontId, out var lease)) return;
        logger.LogInformation("Front {FrontId} ended its lease", frontId);
        End(lease.Entry);
        await SaveAsync(throwOnFailure: false);
    }

    private FrontEntry[] Live() => _live.Values.Select(l => l.Entry).ToArray();

    private async Task ExpireAsync()
    {
        var cutoff = clock.GetUtcNow() - ExpireAfter;
        var expired = _live.Values.Where(l => l.LastRenewed < cutoff).Select(l => l.Entry).ToList();
        foreach (var front in expired)
        {
            logger.LogWarning("Front {FrontId} missed its lease (no renewal for {ExpireAfter}); its connections are dropped", front.FrontId, ExpireAfter);
            _live.Remove(front.FrontId);
            End(front);
        }
        if (_unsaved) await SaveAsync(throwOnFailure: false);
    }

    private void End(FrontEntry front)
    {
        state.State.Ended[front.FrontId] = new EndedLease { Epoch = front.Epoch, EndedAt = clock.GetUtcNow() };
        _unsaved = true;
    }

    private async Task SaveAsync(bool throwOnFailure)
    {
        var now = clock.GetUtcNow();
        state.State.Live = _live.ToDictionary(l => l.Key, l => new LiveLease { Epoch = l.Value.Entry.Epoch, Observer = l.Value.Entry.Observer.GetGrainId().ToString() });
        foreach (var old in state.State.Ended.Where(e => now - e.Value.EndedAt > RememberEnded).Select(e => e.Key).ToList())
            state.State.Ended.Remove(old);
        try
        {
            await state.WriteStateAsync();
            _unsaved = false;
        }
        catch (Exception ex) when (!throwOnFailure)
        {
            // Leases keep working from memory; the write is tried again on the next call.
            logger.LogWarning(ex, "The front directory could not save its leases; it will try again");
        }
    }
}
