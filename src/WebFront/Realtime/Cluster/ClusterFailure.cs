namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// Tells a failure of the cluster (a silo died, the gateway is gone, a call timed out while grains
/// move) from a failure of the code that made the call: the first is retried by the client, the
/// second is a bug to log.
/// </summary>
public static class ClusterFailure
{
    public static bool Is(Exception ex) => ex switch
    {
        TimeoutException or OrleansException or Orleans.Runtime.Messaging.ConnectionFailedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(Is),
        _ => false,
    };
}
