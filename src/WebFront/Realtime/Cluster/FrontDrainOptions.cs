using ActorChat.Configuration;
using ActorChat.Hosting.Configuration;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>How a front of a cluster hands its clients over when told to stop, bound from <c>ActorChat:Fronts</c>.</summary>
public sealed class FrontDrainOptions : IValidatedOptions
{
    public const string Section = "ActorChat:Fronts";

    /// <summary>How long a stopping front keeps its connections after turning not ready, so the load balancer stops sending new ones.</summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Over how long the connections are then closed, a few at a time, so their reconnects spread over the other fronts.</summary>
    public TimeSpan DrainPeriod { get; set; } = TimeSpan.FromSeconds(10);

    public string? Validate() => ConfigurationCheck.First(
        ConfigurationCheck.NotNegative($"{Section}:DrainDelay", DrainDelay),
        ConfigurationCheck.NotNegative($"{Section}:DrainPeriod", DrainPeriod));
}
