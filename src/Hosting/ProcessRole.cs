namespace ActorChat.Hosting;

/// <summary>What an ActorChat process is: a silo, a web front, or both in one process.</summary>
public enum ProcessRole
{
    /// <summary>A silo and a web front in one process (the one-command run; co-hosted clusters run several).</summary>
    All,
    /// <summary>A web front only: an Orleans client of a cluster it finds in Redis.</summary>
    Front,
    /// <summary>A silo only (<c>src/Silo</c>): grains, the dashboard and the operator endpoints.</summary>
    Silo,
}
