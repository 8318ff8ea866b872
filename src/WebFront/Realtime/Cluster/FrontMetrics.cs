using System.Diagnostics.Metrics;
using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>A front's counters, in the <c>ActorChat</c> meter that <c>/metrics</c> exports.</summary>
internal static class FrontMetrics
{
    private static readonly Meter Meter = new("ActorChat");

    /// <summary>Open connections of this front, by transport and namespace.</summary>
    public static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>("actorchat_connections", description: "Open client connections on this front.");

    public static readonly Counter<long> EventsReceived = Meter.CreateCounter<long>("actorchat_events_received", description: "Events received from clients.");

    /// <summary>Deliveries grains handed this front, by scope: a room broadcast is one, however many local members it reaches.</summary>
    public static readonly Counter<long> FrontDeliveries = Meter.CreateCounter<long>("actorchat_front_deliveries", description: "Deliveries handed to this front by grains, by scope.");

    public static readonly Counter<long> SocketSends = Meter.CreateCounter<long>("actorchat_socket_sends", description: "Events handed to local sockets by deliveries.");

    public static readonly Counter<long> EmitRetries = Meter.CreateCounter<long>("actorchat_emit_retries", description: "Emits tried again after the cluster failed them (a grain's silo shutting down, a gateway gone).");

    public static readonly Counter<long> Resyncs = Meter.CreateCounter<long>("actorchat_resyncs", description: "Times this front registered all its connections again after losing its lease.");

    private static readonly KeyValuePair<string, object?>[] ScopeTags =
        Enum.GetValues<DeliveryScope>().Select(s => KeyValuePair.Create("scope", (object?)s.ToString().ToLowerInvariant())).ToArray();

    public static void CountDelivery(DeliveryScope scope) => FrontDeliveries.Add(1, ScopeTags[(int)scope]);

    /// <summary>Makes every counter visible at <c>/metrics</c> from the start, at zero, not only once it first moves.</summary>
    public static void Publish()
    {
        EventsReceived.Add(0);
        SocketSends.Add(0);
        Resyncs.Add(0);
        foreach (var tag in ScopeTags) FrontDeliveries.Add(0, tag);
    }

    public static void CountConnection(ClientConnection info, int delta) =>
        Connections.Add(delta, KeyValuePair.Create("transport", (object?)info.Transport), KeyValuePair.Create("namespace", (object?)info.Namespace));
}
