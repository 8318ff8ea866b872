using System.Buffers;
using System.Text;
using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>
/// Encodes Socket.IO 5 packets as the Engine.IO frames that carry them: one text message
/// (<c>4</c> + packet) followed by one binary message per attachment.
/// </summary>
public static class SocketEncoder
{
    // Event names are written as JavaScript would: only what JSON requires is escaped.
    private static readonly JsonWriterOptions NameWriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// An EVENT (BINARY_EVENT when the event has attachments) with the event name first in the array and
    /// <paramref name="offset"/>, when given, last (connection state recovery).
    /// </summary>
    public static EngineFrame[] Event(string ns, OutboundEvent @event, long? ackId = null, string? offset = null)
    {
        var payload = new ArrayBufferWriter<byte>(@event.ArgsJson.Length + @event.Name.Length + 8);
        payload.Write("["u8);
        using (var writer = new Utf8JsonWriter(payload, NameWriterOptions))
            writer.WriteStringValue(@event.Name);
        var inner = ArrayInner(@event.ArgsJson);
        if (!inner.IsEmpty)
        {
            payload.Write(","u8);
            payload.Write(inner);
        }
        if (offset is not null)
        {
            payload.Write(","u8);
            payload.Write(JsonSerializer.SerializeToUtf8Bytes(offset));
        }
        payload.Write("]"u8);
        return Packet(SocketPacketType.Event, ns, ackId, payload.WrittenSpan, @event.Attachments);
    }

    /// <summary>An ACK (BINARY_ACK when there are attachments) answering the client's ack id.</summary>
    public static EngineFrame[] Ack(string ns, long ackId, byte[] argsJson, byte[][]? attachments) =>
        Packet(SocketPacketType.Ack, ns, ackId, argsJson, attachments);

    /// <summary>The CONNECT reply: <c>{"sid":"…"}</c>, with connection state recovery <c>{"sid":"…","pid":"…"}</c>.</summary>
    public static EngineFrame[] Connect(string ns, string sid, string? pid = null) =>
        Packet(SocketPacketType.Connect, ns, null, pid is null ? JsonSerializer.SerializeToUtf8Bytes(new { sid }) : JsonSerializer.SerializeToUtf8Bytes(new { sid, pid }), null);

    /// <summary>A CONNECT_ERROR with the <c>{"message":…}</c> object socket.io-client reads.</summary>
    public static EngineFrame[] ConnectError(string ns, string message, object? data = null) =>
        Packet(SocketPacketType.ConnectError, ns, null,
            JsonSerializer.SerializeToUtf8Bytes(data is null ? new Dictionary<string, object?> { ["message"] = message } : new Dictionary<string, object?> { ["message"] = message, ["data"] = data }),
            null);

    public static EngineFrame[] Disconnect(string ns) => Packet(SocketPacketType.Disconnect, ns, null, [], null);

    /// <summary>Writes the header and payload; Event and Ack become their binary types when attachments come along.</summary>
    public static EngineFrame[] Packet(SocketPacketType type, string ns, long? ackId, ReadOnlySpan<byte> payloadJson, byte[][]? attachments)
    {
        var binary = attachments is { Length: > 0 };
        if (binary) type = type switch
        {
            SocketPacketType.Event => SocketPacketType.BinaryEvent,
            SocketPacketType.Ack => SocketPacketType.BinaryAck,
            _ => type,
        };
        var header = new StringBuilder(16 + ns.Length);
        header.Append('4').Append((char)('0' + (int)type));
        if (binary) header.Append(attachments!.Length).Append('-');
        if (ns != "/") header.Append(ns).Append(',');
        if (ackId is { } id) header.Append(id);
        var headerBytes = Encoding.UTF8.GetBytes(header.ToString());
        var text = new byte[headerBytes.Length + payloadJson.Length];
        headerBytes.CopyTo(text, 0);
        payloadJson.CopyTo(text.AsSpan(headerBytes.Length));

        var frames = new EngineFrame[1 + (binary ? attachments!.Length : 0)];
        frames[0] = new EngineFrame(text, false);
        for (var i = 1; i < frames.Length; i++) frames[i] = EngineFrame.Bytes(attachments![i - 1]);
        return frames;
    }

    /// <summary>The bytes between a JSON array's brackets, or empty for an empty array.</summary>
    private static ReadOnlySpan<byte> ArrayInner(ReadOnlySpan<byte> array)
    {
        var open = array.IndexOf((byte)'[');
        var close = array.LastIndexOf((byte)']');
        if (open < 0 || close <= open) return [];
        var inner = array[(open + 1)..close];
        return inner.Trim(" \t\r\n"u8).IsEmpty ? [] : inner;
    }
}
