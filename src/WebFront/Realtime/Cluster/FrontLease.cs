using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// This front's lease as the rest of the front sees it: the entry grains hold (id, epoch, observer),
/// available once the front first registered, and how fresh the lease is. <see cref="FrontLeaseKeeper"/> keeps it.
/// </summary>
public sealed class FrontLease(TimeProvider clock)
{
    private readonly TaskCompletionSource<FrontEntry> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Task<FrontEntry> _current = null!;
    private long _renewedAt;

    /// <summary>The entry to register connections under; waits for the front's first registration.</summary>
    public Task<FrontEntry> Current => _current ?? _first.Task;

    /// <summary>How long the lease lasts past a renewal, as the directory said.</summary>
    public TimeSpan Duration { get; private set; }

    /// <summary>Time since the last renewal; null before the first.</summary>
    public TimeSpan? Age => Volatile.Read(ref _renewedAt) is var at and > 0 ? clock.GetElapsedTime(at) : null;

    /// <summary>Whether grains can count on this front now: registered and renewed within the lease's duration.</summary>
    public bool IsLive => Age is { } age && age < Duration;

    internal void Granted(FrontEntry entry, TimeSpan duration)
    {
        Duration = duration;
        _current = Task.FromResult(entry);
        _first.TrySetResult(entry);
        Renewed(duration);
    }

    internal void Renewed(TimeSpan duration)
    {
        Duration = duration;
        Volatile.Write(ref _renewedAt, clock.GetTimestamp());
    }
}
