using System.Collections.Concurrent;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Cluster;
using ActorChat.WebFront.Realtime.Dispatch;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Realtime.Recovery;

/// <summary>
/// Tells the session grain of every live connection on this front, every <see cref="RecoveryOptions.RenewalInterval"/>,
/// that its connection lives and where it stands in its rooms: one grain call per live session per interval, a few
/// at a time. A session whose front was killed then counts as dropped at its last renewal, and resumes from its
/// positions. Those are what the connection had been handed one renewal earlier, so a message that was still in
/// the socket's buffers when the front died is replayed, never skipped.
/// </summary>
public sealed class SessionRenewal(IGrainFactory grains, LocalConnections local, IOptions<RecoveryOptions> options,
    ILogger<SessionRenewal> logger) : BackgroundService
{
    // Enough to renew 10,000 sessions in a second or two without a burst of 10,000 calls at once.
    private const int CallsAtOnce = 32;

    private readonly ConcurrentDictionary<string, Task> _inFlight = new();
    // Per connection, its positions at the previous sweep: what this sweep reports.
    private Dictionary<string, RoomPosition[]> _previous = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for a renewal of <paramref name="sid"/> that is under way. A connection's close calls it after the
    /// connection left <see cref="LocalConnections"/> (no renewal starts for it after that), so that its drop or end
    /// reaches the session grain after the last renewal, never before.
    /// </summary>
    public Task SettledAsync(string sid) => _inFlight.TryGetValue(sid, out var renewal) ? renewal : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewalInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await SweepAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Renews every live session once.</summary>
    internal async Task SweepAsync(CancellationToken cancel)
    {
        var current = new ConcurrentDictionary<string, RoomPosition[]>(StringComparer.Ordinal);
        var failed = 0;
        try
        {
            await Parallel.ForEachAsync(local.All, new ParallelOptions { MaxDegreeOfParallelism = CallsAtOnce, CancellationToken = cancel },
                async (connection, _) =>
                {
                    if (!await RenewAsync(connection.Info, current)) Interlocked.Increment(ref failed);
                });
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return;
        }
        _previous = new Dictionary<string, RoomPosition[]>(current, StringComparer.Ordinal);
        if (failed > 0) logger.LogWarning("{Failed} session renewals failed in the cluster; they are tried again in {Interval}", failed, options.Value.RenewalInterval);
    }

    private async Task<bool> RenewAsync(ClientConnection info, ConcurrentDictionary<string, RoomPosition[]> current)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inFlight.TryAdd(info.Sid, done.Task)) return true;
        try
        {
            // Checked after the renewal is registered: a connection closing from here on waits for it (SettledAsync).
            if (local.SessionOf(info.Sid) is not { } token) return true;
            var now = local.PositionsOf(info.Sid);
            current[info.Sid] = now;
            await grains.GetGrain<ISessionGrain>(token).Renew(info.User, info.Namespace, info.Sid, Reported(now, _previous.GetValueOrDefault(info.Sid)));
            return true;
        }
        catch (Exception ex) when (ClusterFailure.Is(ex))
        {
            return false;
        }
        finally
        {
            _inFlight.TryRemove(info.Sid, out _);
            done.SetResult();
        }
    }

    /// <summary>
    /// The connection's rooms now, each at its offset of the previous sweep; a room it was not in then (or in under
    /// another epoch) at offset 0, which moves no known position on and, for a session made again, replays the history.
    /// </summary>
    private static RoomPosition[] Reported(RoomPosition[] now, RoomPosition[]? previous) =>
        now.Select(position => previous?.FirstOrDefault(p => p.Room == position.Room && p.Epoch == position.Epoch) ?? position with { Offset = 0 })
            .ToArray();
}
