using System.Buffers;
using System.Text;
using ActorChat.WebFront.Transports.SocketIO;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.SocketIO.Tests;

public sealed class EngineParserTests
{
    [Theory]
    [InlineData("0", EnginePacketType.Open, null)]
    [InlineData("1", EnginePacketType.Close, null)]
    [InlineData("2", EnginePacketType.Ping, null)]
    [InlineData("2probe", EnginePacketType.Ping, "probe")]
    [InlineData("3", EnginePacketType.Pong, null)]
    [InlineData("4hello", EnginePacketType.Message, "hello")]
    [InlineData("5", EnginePacketType.Upgrade, null)]
    [InlineData("6", EnginePacketType.Noop, null)]
    public void Decodes_each_packet_type(string text, EnginePacketType type, string? data)
    {
        var packet = EngineParser.DecodeText(text);
        Assert.Equal(type, packet.Type);
        Assert.Equal(data, packet.Text);
        Assert.False(packet.IsBinary);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("7")]
    [InlineData("9hello")]
    [InlineData("/")]
    public void Rejects_a_bad_type_digit(string text) =>
        Assert.Throws<ProtocolException>(() => EngineParser.DecodeText(text));

    [Fact]
    public void Splits_a_payload_on_the_record_separator()
    {
        var packets = EngineParser.DecodePayload("4hello\u001e2\u001e4world");
        Assert.Equal([EnginePacketType.Message, EnginePacketType.Ping, EnginePacketType.Message], packets.Select(p => p.Type));
        Assert.Equal("world", packets[2].Text);
    }

    [Fact]
    public void Decodes_base64_binary_in_a_payload()
    {
        var packets = EngineParser.DecodePayload("4hello\u001ebAQIDBA==");
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, packets[1].Binary);
        Assert.Equal(EnginePacketType.Message, packets[1].Type);
    }

    [Theory]
    [InlineData("b!!!")]
    [InlineData("4ok\u001ebA")]
    public void Rejects_bad_base64(string payload) =>
        Assert.Throws<ProtocolException>(() => EngineParser.DecodePayload(payload));

    [Theory]
    [InlineData("4a\u001e\u001e4b")]
    [InlineData("4a\u001e")]
    [InlineData("abc")]
    public void Rejects_empty_or_untyped_packets_in_a_payload(string payload) =>
        Assert.Throws<ProtocolException>(() => EngineParser.DecodePayload(payload));

    [Fact]
    public void Encodes_a_payload_with_text_and_binary()
    {
        var buffer = new ArrayBufferWriter<byte>();
        EngineParser.EncodePayload([EngineFrame.Message("hello"), EngineFrame.Bytes([1, 2, 3, 4]), EngineFrame.Ping], buffer);
        Assert.Equal("4hello\u001ebAQIDBA==\u001e2", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Payload_length_counts_base64_for_binary()
    {
        Assert.Equal(9, EngineParser.PayloadLength(EngineFrame.Bytes([1, 2, 3, 4])));
        Assert.Equal(6, EngineParser.PayloadLength(EngineFrame.Message("hello")));
    }

    [Fact]
    public void Round_trips_a_payload()
    {
        var buffer = new ArrayBufferWriter<byte>();
        EngineParser.EncodePayload([EngineFrame.Message("€ unicode"), EngineFrame.Bytes([0, 255])], buffer);
        var packets = EngineParser.DecodePayload(Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal("€ unicode", packets[0].Text);
        Assert.Equal(new byte[] { 0, 255 }, packets[1].Binary);
    }
}
