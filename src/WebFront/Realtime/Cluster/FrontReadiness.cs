using ActorChat.Hosting.Cluster;
using ActorChat.Hosting.Operations;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// A front is ready when it holds a live lease and, as a separate process, is connected to at least
/// one gateway; a co-hosted front reaches grains in its own silo.
/// </summary>
internal sealed class FrontReadiness(FrontIdentity identity, FrontLease lease, GatewayConnections? gateways = null) : IReadinessContributor
{
    public ReadinessPart Report() => new(
        lease.IsLive && gateways is not { Count: 0 },
        FrontId: identity.FrontId,
        Gateways: gateways?.Count,
        LeaseAgeMs: lease.Age is { } age ? (long)age.TotalMilliseconds : null);
}
