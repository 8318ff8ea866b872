using ActorChat.Hosting.Operations;
using Orleans.Runtime;

namespace ActorChat.Silo;

/// <summary>A silo is ready when the cluster's membership lists it as Active.</summary>
internal sealed class SiloReadiness(IClusterMembershipService membership, ILocalSiloDetails local) : IReadinessContributor
{
    public ReadinessPart Report()
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return new ReadinessPart(status == SiloStatus.Active, Silo: $"{local.SiloAddress.Endpoint} {status}");
    }
}
