using ActorChat.Realtime;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// Hands a delivery to one front and waits for it to be taken. A delivery that fails on its way (a
/// silo shutting down or cut off drops what it cannot route) is tried again, through whatever route
/// the cluster has by then, for as long as the front holds its lease; the front ignores a delivery it
/// already took, so a retry never doubles a message. A front that is gone, or whose lease ended, is
/// skipped: its members go with it. A live front that still cannot be reached fails the broadcast, so
/// its sender hears an error rather than nothing (or its front tries the emit again, see
/// <see cref="OutboundEvent.Id"/>).
/// </summary>
internal static class FrontDelivery
{
    /// <summary>One attempt longer than this means the route is stuck; the next one may take another.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(12);

    public static async Task SendAsync(IGrainFactory grains, string frontId, IFrontObserver front, Delivery delivery)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            try
            {
                await front.Deliver(delivery).WaitAsync(AnswerTimeout);
                return;
            }
            catch (ClientNotAvailableException)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                // Deliver carries no token of ours: this silo is shutting down and no longer routes to clients, so
                // another try from here cannot succeed. The broadcast fails at once, and the sender's front tries
                // the emit again, which reaches the grain's next activation on a silo that stays.
                throw;
            }
            catch (Exception ex) when (ClusterFailure.Is(ex) && DateTime.UtcNow - started < GiveUpAfter)
            {
                if (!await HoldsLeaseAsync(grains, frontId)) return;
                await Task.Delay(RetryDelay);
            }
        }
    }

    private static async Task<bool> HoldsLeaseAsync(IGrainFactory grains, string frontId)
    {
        try
        {
            var fronts = await grains.GetGrain<IFrontDirectoryGrain>(IFrontDirectoryGrain.Key).GetFronts();
            return fronts.Any(f => f.FrontId == frontId);
        }
        catch (Exception ex) when (ClusterFailure.Is(ex))
        {
            // The directory is moving too: assume the front still counts, and try again.
            return true;
        }
    }
}
