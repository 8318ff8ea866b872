using ActorChat.Configuration;
using ActorChat.Hosting.Configuration;
namespace ActorChat.WebFront.Realtime;

/// <summary>
/// Limits on what one client may cost, bound from <c>ActorChat:Limits</c>. Each is enforced per front
/// (each connection lives on one front) except <see cref="ConnectionsPerUser"/>, which counts the user's
/// connections across the cluster.
/// </summary>
public sealed class LimitsOptions : IValidatedOptions
{
    public const string Section = "ActorChat:Limits";

    /// <summary>Events a connection may send per second, on average.</summary>
    public int EventsPerSecond { get; set; } = 100;

    /// <summary>Events a connection may send at once after being quiet.</summary>
    public int EventBurst { get; set; } = 200;

    /// <summary>Refused events in a row after which the connection is closed.</summary>
    public int RefusedEventsBeforeDisconnect { get; set; } = 100;

    /// <summary>Rooms one connection may be in at once (not counting the one named by its own id).</summary>
    public int RoomsPerConnection { get; set; } = 100;

    /// <summary>Live connections one user may have across the cluster.</summary>
    public int ConnectionsPerUser { get; set; } = 20;

    /// <summary>Time a client has to finish the HTTP request headers and a protocol handshake after the upgrade (SignalR's, an Engine.IO upgrade probe).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string? Validate()
    {
        if (EventsPerSecond is < 1 or > 1_000_000) return $"{Section}:EventsPerSecond must be between 1 and 1000000; it is {EventsPerSecond}.";
        if (EventBurst is < 1 or > 1_000_000) return $"{Section}:EventBurst must be between 1 and 1000000; it is {EventBurst}.";
        if (RefusedEventsBeforeDisconnect is < 1 or > 1_000_000)
            return $"{Section}:RefusedEventsBeforeDisconnect must be between 1 and 1000000; it is {RefusedEventsBeforeDisconnect}.";
        if (RoomsPerConnection is < 1 or > 1_000_000) return $"{Section}:RoomsPerConnection must be between 1 and 1000000; it is {RoomsPerConnection}.";
        if (ConnectionsPerUser is < 1 or > 1_000_000) return $"{Section}:ConnectionsPerUser must be between 1 and 1000000; it is {ConnectionsPerUser}.";
        if (HandshakeTimeout < TimeSpan.FromSeconds(1) || HandshakeTimeout > TimeSpan.FromMinutes(10))
            return $"{Section}:HandshakeTimeout must be between 00:00:01 and 00:10:00; it is {HandshakeTimeout}.";
        return null;
    }
}
