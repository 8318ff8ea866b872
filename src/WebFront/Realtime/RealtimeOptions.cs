using System.ComponentModel.DataAnnotations;

namespace ActorChat.WebFront.Realtime;

/// <summary>Options of the realtime edge, bound from <c>ActorChat:Realtime</c>.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "ActorChat:Realtime";

    /// <summary>Largest client message accepted, in bytes; a bigger one closes a WebSocket with 1009.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Events queued for one slow client before it is disconnected.</summary>
    [Range(16, 1_000_000)]
    public int SendQueueLimit { get; set; } = 1024;

    /// <summary>How often a front tells the cluster it is alive.</summary>
    public TimeSpan FrontHeartbeat { get; set; } = TimeSpan.FromSeconds(5);
}
