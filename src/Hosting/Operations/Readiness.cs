namespace ActorChat.Hosting.Operations;

/// <summary>What <c>/readyz</c> and <c>/healthz</c> answer.</summary>
public sealed record ReadinessReport(string Status, string Role, string? FrontId, string? Silo, int? Gateways, long? LeaseAgeMs, bool Draining);

/// <summary>One part's say in readiness: whether it is ready, and what it adds to the report.</summary>
public sealed record ReadinessPart(bool Ready, string? FrontId = null, string? Silo = null, int? Gateways = null, long? LeaseAgeMs = null);

/// <summary>A part of the process that readiness depends on: the silo's membership, the front's lease.</summary>
public interface IReadinessContributor
{
    ReadinessPart Report();
}

/// <summary>Puts the parts' reports together: ready when every part is ready and the process is not draining.</summary>
public sealed class Readiness(ProcessRole role, IEnumerable<IReadinessContributor> contributors, DrainState drain)
{
    public ReadinessReport Report()
    {
        var parts = contributors.Select(c => c.Report()).ToList();
        var ready = parts.All(p => p.Ready) && !drain.IsDraining;
        return new ReadinessReport(
            drain.IsDraining ? "draining" : ready ? "ready" : "not ready",
            role.ToString(),
            parts.Select(p => p.FrontId).FirstOrDefault(v => v is not null),
            parts.Select(p => p.Silo).FirstOrDefault(v => v is not null),
            parts.Select(p => p.Gateways).FirstOrDefault(v => v is not null),
            parts.Select(p => p.LeaseAgeMs).FirstOrDefault(v => v is not null),
            drain.IsDraining);
    }
}
