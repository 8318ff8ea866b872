using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime;

/// <summary>Turns an event into one transport's frame.</summary>
public interface IEventEncoder<out T> where T : class
{
    T Encode(OutboundEvent @event);
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

    public T Frame<T>(IEventEncoder<T> encoder) where T : class
    {
        lock (_lock)
        {
            foreach (var (knownEncoder, frame) in _frames)
                if (ReferenceEquals(knownEncoder, encoder)) return (T)frame;
            var encoded = encoder.Encode(Event);
            _frames = [.. _frames, (encoder, encoded)];
            return encoded;
        }
    }
}
