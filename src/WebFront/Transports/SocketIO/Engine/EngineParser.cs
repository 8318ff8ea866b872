using System.Buffers;
using System.Text;

namespace ActorChat.WebFront.Transports.SocketIO.Engine;

/// <summary>Engine.IO 4 packets and HTTP long-polling payloads (packets joined by <c>\x1e</c>).</summary>
public static class EngineParser
{
    public const char Separator = '\x1e';
    private const byte SeparatorByte = 0x1e;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Text as the client sent it: bytes that are not UTF-8 break the protocol, they are not replaced.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolException("The text is not valid UTF-8.");
        }
    }

    /// <summary>Decodes one text packet: a type digit and its data.</summary>
    public static EnginePacket DecodeText(string packet)
    {
        if (packet.Length == 0) throw new ProtocolException("An Engine.IO packet is empty.");
        var digit = packet[0] - '0';
        if (digit is < (int)EnginePacketType.Open or > (int)EnginePacketType.Noop)
            throw new ProtocolException($"'{Shorten(packet)}' does not start with an Engine.IO packet type (0-6).");
        return new EnginePacket((EnginePacketType)digit, packet.Length > 1 ? packet[1..] : null);
    }

    /// <summary>Decodes a polling payload; binary packets are <c>b</c> + base64.</summary>
    public static List<EnginePacket> DecodePayload(string payload)
    {
        var packets = new List<EnginePacket>();
        foreach (var segment in payload.Split(Separator))
        {
            if (segment.StartsWith('b'))
            {
                var data = new byte[segment.Length * 3 / 4 + 3];
                if (!Convert.TryFromBase64Chars(segment.AsSpan(1), data, out var written))
                    throw new ProtocolException("A binary packet of the payload is not valid base64.");
                packets.Add(EnginePacket.OfBinary(data[..written]));
            }
            else
            {
                packets.Add(DecodeText(segment));
            }
        }
        return packets;
    }

    /// <summary>Writes frames as one polling payload: text as is, binary as <c>b</c> + base64, joined by <c>\x1e</c>.</summary>
    public static void EncodePayload(IReadOnlyList<EngineFrame> frames, IBufferWriter<byte> output)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            if (i > 0) output.Write([SeparatorByte]);
            var frame = frames[i];
            if (!frame.Binary)
            {
                output.Write(frame.Data);
                continue;
            }
            output.Write("b"u8);
            var base64 = Convert.ToBase64String(frame.Data);
            var span = output.GetSpan(base64.Length);
            var written = Encoding.ASCII.GetBytes(base64, span);
            output.Advance(written);
        }
    }

    /// <summary>The bytes a frame takes in a polling payload, to keep a response under maxPayload.</summary>
    public static int PayloadLength(EngineFrame frame) =>
        frame.Binary ? 1 + (frame.Data.Length + 2) / 3 * 4 : frame.Data.Length;

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
