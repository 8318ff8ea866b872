using System.Threading.Channels;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Cluster;

namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>
/// Hands the deliveries grains give this front to its sockets, off the Orleans thread that brought
/// them (socket writes there would hold up every other grain-to-front call). Deliveries for the same
/// room (or namespace, or connection) go through one lane, so they reach sockets in the order the
/// grain sent them; different rooms use several lanes at once. A delivery taken twice (a grain's retry
/// after a lost answer) is delivered once.
/// </summary>
public sealed class DeliveryLanes
{
    private readonly LocalConnections _connections;
    private readonly Channel<Delivery>[] _lanes;
    private readonly RecentIds _taken = new(capacity: 16_384);

    public DeliveryLanes(LocalConnections connections)
    {
        _connections = connections;
        _lanes = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount * 2))
            .Select(_ => Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();
        foreach (var lane in _lanes) _ = Task.Run(() => RunAsync(lane.Reader));
    }

    /// <summary>Queues a delivery; false when this front already took it.</summary>
    public bool Enqueue(Delivery delivery)
    {
        if (!_taken.Add(delivery.Id)) return false;
        _lanes[(uint)string.GetHashCode(OrderKey(delivery)) % (uint)_lanes.Length].Writer.TryWrite(delivery);
        return true;
    }

    private static string OrderKey(Delivery delivery) => delivery.Scope switch
    {
        DeliveryScope.Room => delivery.Room ?? "",
        DeliveryScope.Connections => delivery.Sids is [var first, ..] ? first : "",
        _ => delivery.Namespace,
    };

    private async Task RunAsync(ChannelReader<Delivery> lane)
    {
        await foreach (var delivery in lane.ReadAllAsync())
            FrontMetrics.SocketSends.Add(_connections.Deliver(delivery));
    }

    /// <summary>The ids of the last deliveries taken, so a repeated one is recognised.</summary>
    private sealed class RecentIds(int capacity)
    {
        private readonly Lock _lock = new();
        private readonly HashSet<Guid> _set = new(capacity);
        private readonly Queue<Guid> _order = new(capacity);

        public bool Add(Guid id)
        {
            lock (_lock)
            {
                if (!_set.Add(id)) return false;
                _order.Enqueue(id);
                if (_order.Count > capacity) _set.Remove(_order.Dequeue());
                return true;
            }
        }
    }
}
