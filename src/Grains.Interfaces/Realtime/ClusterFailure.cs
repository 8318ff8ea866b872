namespace ActorChat.Realtime;

/// <summary>
/// Tells a failure of the cluster (a silo died or is shutting down, the gateway is gone, a call timed
/// out while grains move) from a failure of the code that made the call: the first is worth another
/// try through whatever route the cluster has by then, the second is a bug to log.
/// </summary>
public static class ClusterFailure
{
    public static bool Is(Exception ex) => ex switch
    {
        TimeoutException or OrleansException or Orleans.Runtime.Messaging.ConnectionFailedException => true,
        // A silo that shuts down cancels the routing of the calls it still holds (its client directory
        // lookups, for one); the caller gets a cancellation that no token of its own asked for.
        OperationCanceledException canceled => !canceled.CancellationToken.CanBeCanceled,
        AggregateException aggregate => aggregate.InnerExceptions.All(Is),
        _ => false,
    };
}
