namespace ActorChat.Hosting.Cluster;

/// <summary>How many silo gateways this front's Orleans client is connected to, for <c>/readyz</c>.</summary>
public sealed class GatewayConnections : IClusterConnectionStatusObserver
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        Volatile.Write(ref _count, currentNumberOfGateways);

    public void NotifyClusterConnectionLost() => Volatile.Write(ref _count, 0);
}
