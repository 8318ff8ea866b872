using System.Diagnostics;
using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// Tries an emit again when the cluster failed it quickly. A room grain whose silo is shutting down fails its
/// broadcast at once, and the next try reaches the grain's next activation on a silo that stays, so a rolling
/// restart costs the sender nothing. Trying again is safe because the emit keeps its id
/// (<see cref="OutboundEvent.Id"/>): the room's history and every front take it once. A failure that came only
/// after a long wait (the response timeout) is not tried again: the sender hears the error.
/// </summary>
internal static class EmitRetry
{
    private static readonly TimeSpan TryAgainWithin = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public static async Task RunAsync(Func<Task> emit)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await emit();
                return;
            }
            catch (Exception ex) when (ClusterFailure.Is(ex) && Stopwatch.GetElapsedTime(started) < TryAgainWithin)
            {
                FrontMetrics.EmitRetries.Add(1);
                await Task.Delay(Pause);
            }
        }
    }
}
