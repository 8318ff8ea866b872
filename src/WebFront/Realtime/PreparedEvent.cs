using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime;

/// <summary>Turns an event into one transport's frame.</summary>
public interface IEventEncoder<out T> where T : class
{
    T Encode(PreparedEvent prepared);
}

/// <summary>
/// An event being delivered on this front. Each transport's frame is encoded once and shared by every
/// local socket of that transport, so a room broadcast costs one encoding, not one per member.
/// </summary>
public sealed class PreparedEvent(OutboundEvent @event)
{
    private readonly Lock _lock = new();
    private (object Encoder, object Frame)[] _frames = [];

    public OutboundEvent Event { get; } = @event;

    /// <summary>The room a room message was sent to, when the room's history numbered it (see <see cref="Offset"/>).</summary>
    public string? Room { get; init; }

    /// <summary>The message's offset in <see cref="Room"/>'s history; 0 when it has none.</summary>
    public long Offset { get; init; }

    public T Frame<T>(IEventEncoder<T> encoder) where T : class
    {
        lock (_lock)
        {
            foreach (var (knownEncoder, frame) in _frames)
                if (ReferenceEquals(knownEncoder, encoder)) return (T)frame;
            var encoded = encoder.Encode(this);
            _frames = [.. _frames, (encoder, encoded)];
            return encoded;
        }
    }
}
