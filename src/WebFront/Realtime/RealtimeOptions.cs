using ActorChat.Configuration;
using ActorChat.Hosting.Configuration;

namespace ActorChat.WebFront.Realtime;

/// <summary>Options of the realtime edge, bound from <c>ActorChat:Realtime</c>.</summary>
public sealed class RealtimeOptions : IValidatedOptions
{
    public const string Section = "ActorChat:Realtime";

    /// <summary>Largest client message accepted, in bytes; a bigger one closes a WebSocket with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Events queued for one slow client before it is disconnected.</summary>
    public int SendQueueLimit { get; set; } = 1024;

    /// <summary>How often a front renews its lease with the cluster (well inside <c>ActorChat:Fronts:ExpireAfter</c>).</summary>
    public TimeSpan FrontHeartbeat { get; set; } = TimeSpan.FromSeconds(2);

    public string? Validate() => ConfigurationCheck.First(
        ConfigurationCheck.Range($"{Section}:MaxMessageBytes", MaxMessageBytes, 1024, 64 * 1024 * 1024),
        ConfigurationCheck.Range($"{Section}:SendQueueLimit", SendQueueLimit, 16, 1_000_000),
        ConfigurationCheck.Positive($"{Section}:FrontHeartbeat", FrontHeartbeat));
}
