using System.Text;
using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>Encodes events as the raw WebSocket envelope <c>{"event": name, "args": [...]}</c> (docs/protocol.md).</summary>
public sealed class EnvelopeEncoder : IEventEncoder<byte[]>
{
    private static readonly byte[] EventPrefix = Encoding.UTF8.GetBytes("{\"event\":");
    private static readonly byte[] ArgsPrefix = Encoding.UTF8.GetBytes(",\"args\":");
    private static readonly byte[] AckPrefix = Encoding.UTF8.GetBytes("{\"ack\":");

    public byte[] Encode(OutboundEvent @event) =>
        Concat(EventPrefix, JsonSerializer.SerializeToUtf8Bytes(@event.Name), ArgsPrefix, @event.ArgsJson);

    /// <summary>An ack answer: <c>{"ack": id, "args": [...]}</c>.</summary>
    public static byte[] EncodeAck(long ackId, byte[] argsJson) =>
        Concat(AckPrefix, Encoding.UTF8.GetBytes(ackId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ArgsPrefix, argsJson);

    private static byte[] Concat(byte[] a, byte[] b, byte[] c, byte[] d)
    {
        // The arguments are already JSON: splicing them in avoids parsing and re-serializing every broadcast.
        var frame = new byte[a.Length + b.Length + c.Length + d.Length + 1];
        a.CopyTo(frame, 0);
        b.CopyTo(frame, a.Length);
        c.CopyTo(frame, a.Length + b.Length);
        d.CopyTo(frame, a.Length + b.Length + c.Length);
        frame[^1] = (byte)'}';
        return frame;
    }
}
