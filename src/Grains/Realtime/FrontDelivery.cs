using ActorChat.Realtime;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// Hands a delivery to one front and waits for it to be taken. A delivery the cluster could not route
/// (a silo shutting down drops what it cannot address) is tried once more, through whatever route the
/// cluster has by then; the front ignores a delivery it already took, so a retry never doubles a
/// message. A front that is gone or does not answer in time is skipped: its lease ends soon and its
/// members with it. Anything else fails the broadcast, so its sender hears an error rather than nothing.
/// </summary>
internal static class FrontDelivery
{
    /// <summary>A front that takes longer than this to queue a delivery is hung (paused, partitioned).</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    public static async Task SendAsync(IFrontObserver front, Delivery delivery)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await front.Deliver(delivery).WaitAsync(AnswerTimeout);
                return;
            }
            catch (Exception ex) when (ex is ClientNotAvailableException or TimeoutException)
            {
                return;
            }
            catch (OrleansException) when (attempt == 1)
            {
                await Task.Delay(RetryDelay);
            }
        }
    }
}
