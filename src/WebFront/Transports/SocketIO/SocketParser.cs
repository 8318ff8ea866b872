using System.Text.Json;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>
/// Decodes Socket.IO 5 packets in the default parser's text form:
/// <c>&lt;type&gt;[&lt;attachments&gt;-][&lt;namespace&gt;,][&lt;ack id&gt;][JSON payload]</c>.
/// </summary>
public static class SocketParser
{
    /// <summary>Ack ids are JavaScript numbers on the other side: larger ones would lose precision there.</summary>
    public const long MaxAckId = (1L << 53) - 1;

    /// <summary>More attachments than this in one packet is treated as abuse, not data.</summary>
    public const int MaxAttachments = 1000;

    /// <summary>Events a client may not send: socket.io-client reserves them for itself.</summary>
    private static readonly HashSet<string> ReservedEvents =
        ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

    public static SocketPacket Decode(string text)
    {
        if (text.Length == 0) throw new ProtocolException("A Socket.IO packet is empty.");
        var digit = text[0] - '0';
        if (digit is < 0 or > (int)SocketPacketType.BinaryAck)
            throw new ProtocolException("A Socket.IO packet does not start with a packet type (0-6).");
        var type = (SocketPacketType)digit;
        var i = 1;

        var attachments = 0;
        if (type is SocketPacketType.BinaryEvent or SocketPacketType.BinaryAck)
        {
            var dash = text.IndexOf('-', i);
            if (dash < 0) throw new ProtocolException("A binary packet has no attachment count.");
            var count = ReadNumber(text, i, dash, MaxAttachments, "attachment count");
            attachments = (int)count;
            i = dash + 1;
        }

        var ns = "/";
        if (i < text.Length && text[i] == '/')
        {
            var comma = text.IndexOf(',', i);
            var end = comma < 0 ? text.Length : comma;
            ns = text[i..end];
            i = comma < 0 ? text.Length : comma + 1;
        }

        long? ackId = null;
        if (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            ackId = ReadNumber(text, start, i, MaxAckId, "ack id");
        }

        JsonElement? data = null;
        if (i < text.Length)
        {
            data = ParseJson(text.AsSpan(i));
            Validate(type, data.Value);
        }
        else if (type is SocketPacketType.Event or SocketPacketType.BinaryEvent or SocketPacketType.Ack or SocketPacketType.BinaryAck)
        {
            throw new ProtocolException($"A {type} packet must carry an array payload.");
        }

        if (ackId is not null && type is not (SocketPacketType.Event or SocketPacketType.BinaryEvent or SocketPacketType.Ack or SocketPacketType.BinaryAck))
            throw new ProtocolException($"A {type} packet cannot carry an ack id.");

        if (data is { } payload && attachments >= 0 && type is SocketPacketType.BinaryEvent or SocketPacketType.BinaryAck)
            CheckPlaceholders(payload, attachments);
        return new SocketPacket(type, ns, data, ackId, attachments);
    }

    private static long ReadNumber(string text, int start, int end, long max, string what)
    {
        if (end == start) throw new ProtocolException($"The {what} is empty.");
        long value = 0;
        for (var i = start; i < end; i++)
        {
            if (!char.IsAsciiDigit(text[i])) throw new ProtocolException($"The {what} is not a number.");
            value = value * 10 + (text[i] - '0');
            if (value > max) throw new ProtocolException($"The {what} is larger than {max}.");
        }
        return value;
    }

    private static JsonElement ParseJson(ReadOnlySpan<char> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToString(), new JsonDocumentOptions { MaxDepth = 64 });
            if (!JsonUnicode.IsWellFormed(json, document.RootElement))
                throw new ProtocolException("The payload of a Socket.IO packet is not valid Unicode: it has a lone surrogate escape.");
            return document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // ArgumentException: text with a lone surrogate, which has no UTF-8 form to parse.
            throw new ProtocolException("The payload of a Socket.IO packet is not valid JSON.");
        }
    }

    private static void Validate(SocketPacketType type, JsonElement payload)
    {
        var valid = type switch
        {
            SocketPacketType.Connect => payload.ValueKind == JsonValueKind.Object,
            SocketPacketType.Disconnect => false,
            SocketPacketType.ConnectError => payload.ValueKind is JsonValueKind.Object or JsonValueKind.String,
            SocketPacketType.Event or SocketPacketType.BinaryEvent =>
                payload.ValueKind == JsonValueKind.Array && payload.GetArrayLength() > 0 && payload[0] switch
                {
                    { ValueKind: JsonValueKind.Number } => true,
                    { ValueKind: JsonValueKind.String } name => !ReservedEvents.Contains(name.GetString()!),
                    _ => false,
                },
            SocketPacketType.Ack or SocketPacketType.BinaryAck => payload.ValueKind == JsonValueKind.Array,
            _ => false,
        };
        if (!valid) throw new ProtocolException($"The payload is not valid for a {type} packet.");
    }

    // Every placeholder must name one of the attachments announced in the header: a packet that
    // points past them could never be completed.
    private static void CheckPlaceholders(JsonElement element, int attachments)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("_placeholder", out _))
                {
                    if (!EventPayload.IsPlaceholder(element, out var num) || num < 0 || num >= attachments)
                        throw new ProtocolException("A binary placeholder does not match the packet's attachments.");
                    return;
                }
                foreach (var property in element.EnumerateObject()) CheckPlaceholders(property.Value, attachments);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) CheckPlaceholders(item, attachments);
                break;
        }
    }
}
