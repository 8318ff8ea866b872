using System.Diagnostics.Metrics;

namespace ActorChat.Grains.Realtime;

/// <summary>The realtime grains' counters, in the <c>ActorChat</c> meter that every process exports at <c>/metrics</c>.</summary>
internal static class GrainMetrics
{
    private static readonly Meter Meter = new("ActorChat");

    /// <summary>Observer calls from grains to fronts, by grain kind: one per front per broadcast, never one per member.</summary>
    public static readonly Counter<long> FanoutCalls = Meter.CreateCounter<long>("actorchat_fanout_calls", description: "Deliveries handed from a grain to a front, by grain kind.");

    /// <summary>Connections dropped because their front's lease ended.</summary>
    public static readonly Counter<long> GhostConnectionsRemoved = Meter.CreateCounter<long>("actorchat_ghost_connections_removed", description: "Connections of fronts whose lease ended, dropped from grains.");

    /// <summary>Makes every counter visible at <c>/metrics</c> from the start, at zero, not only once it first moves.</summary>
    public static void Publish()
    {
        GhostConnectionsRemoved.Add(0);
        foreach (var kind in new[] { "room", "user", "namespace" }) FanoutCalls.Add(0, new KeyValuePair<string, object?>("grain", kind));
    }
}
