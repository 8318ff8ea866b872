using System.Text;
using System.Text.Json;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>
/// Encodes events as the raw WebSocket envelope <c>{"event": name, "args": [...]}</c> (docs/protocol.md); a room
/// message the room's history numbered also carries <c>"room"</c> and <c>"offset"</c>, what a client resumes from.
/// </summary>
public sealed class EnvelopeEncoder : IEventEncoder<byte[]>
{
    private static readonly byte[] EventPrefix = Encoding.UTF8.GetBytes("{\"event\":");
    private static readonly byte[] ArgsPrefix = Encoding.UTF8.GetBytes(",\"args\":");
    private static readonly byte[] AckPrefix = Encoding.UTF8.GetBytes("{\"ack\":");

    public byte[] Encode(PreparedEvent prepared) =>
        Concat(EventPrefix, JsonSerializer.SerializeToUtf8Bytes(prepared.Event.Name), ArgsPrefix, EventPayload.InlineAttachments(prepared.Event), Position(prepared));

    /// <summary>An ack answer: <c>{"ack": id, "args": [...]}</c>.</summary>
    public static byte[] EncodeAck(long ackId, byte[] argsJson) =>
        Concat(AckPrefix, Encoding.UTF8.GetBytes(ackId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ArgsPrefix, argsJson, []);

    private static byte[] Position(PreparedEvent prepared) => prepared is { Room: { } room, Offset: > 0 }
        ? Encoding.UTF8.GetBytes($",\"room\":{JsonSerializer.Serialize(room)},\"offset\":{prepared.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
        : [];

    private static byte[] Concat(params ReadOnlySpan<byte[]> parts)
    {
        // The arguments are already JSON: splicing them in avoids parsing and re-serializing every broadcast.
        var length = 1;
        foreach (var part in parts) length += part.Length;
        var frame = new byte[length];
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(frame, at);
            at += part.Length;
        }
        frame[^1] = (byte)'}';
        return frame;
    }
}
