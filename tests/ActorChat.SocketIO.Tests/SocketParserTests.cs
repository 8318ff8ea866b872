using System.Text;
using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.WebFront.Transports.SocketIO;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.SocketIO.Tests;

public sealed class SocketParserTests
{
    [Fact]
    public void Decodes_a_connect_to_the_main_namespace()
    {
        var packet = SocketParser.Decode("0");
        Assert.Equal(SocketPacketType.Connect, packet.Type);
        Assert.Equal("/", packet.Namespace);
        Assert.Null(packet.Data);
    }

    [Fact]
    public void Decodes_a_connect_with_auth_to_a_custom_namespace()
    {
        var packet = SocketParser.Decode("0/admin,{\"token\":\"123\"}");
        Assert.Equal("/admin", packet.Namespace);
        Assert.Equal("123", packet.Data!.Value.GetProperty("token").GetString());
    }

    [Fact]
    public void Reads_a_namespace_without_a_trailing_comma() =>
        Assert.Equal("/random", SocketParser.Decode("0/random").Namespace);

    [Fact]
    public void Decodes_an_event_with_an_ack_id()
    {
        var packet = SocketParser.Decode("2/chat,12[\"foo\",1,{\"a\":true}]");
        Assert.Equal(SocketPacketType.Event, packet.Type);
        Assert.Equal("/chat", packet.Namespace);
        Assert.Equal(12, packet.AckId);
        Assert.Equal(3, packet.Data!.Value.GetArrayLength());
    }

    [Fact]
    public void Decodes_a_binary_event_header()
    {
        var packet = SocketParser.Decode("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        Assert.Equal(SocketPacketType.BinaryEvent, packet.Type);
        Assert.Equal(2, packet.Attachments);
        Assert.Equal("/admin", packet.Namespace);
    }

    [Fact]
    public void Decodes_a_binary_ack()
    {
        var packet = SocketParser.Decode("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]");
        Assert.Equal(SocketPacketType.BinaryAck, packet.Type);
        Assert.Equal(15, packet.AckId);
        Assert.Equal(1, packet.Attachments);
    }

    [Fact]
    public void Decodes_a_disconnect() => Assert.Equal(SocketPacketType.Disconnect, SocketParser.Decode("1/admin,").Type);

    [Theory]
    [InlineData("", "empty")]
    [InlineData("7[\"a\"]", "bad type digit")]
    [InlineData("abc", "bad type digit")]
    [InlineData("2{}", "event payload not an array")]
    [InlineData("2[]", "event payload empty")]
    [InlineData("2[true]", "event name not a string")]
    [InlineData("2[\"connect\"]", "reserved event name")]
    [InlineData("2", "event without payload")]
    [InlineData("2[\"a\"", "bad JSON")]
    [InlineData("2[\"a\",]", "bad JSON")]
    [InlineData("2abc[\"a\"]", "bad ack id")]
    [InlineData("299999999999999999999[\"a\"]", "ack id overflow")]
    [InlineData("29007199254740992[\"a\"]", "ack id past 2^53-1")]
    [InlineData("3{}", "ack payload not an array")]
    [InlineData("0[]", "connect payload not an object")]
    [InlineData("0\"x\"", "connect payload a string")]
    [InlineData("1[\"a\"]", "disconnect with payload")]
    [InlineData("0/chat,5", "connect with ack id")]
    [InlineData("5[\"a\"]", "binary event without count")]
    [InlineData("5x-[\"a\"]", "attachment count not a number")]
    [InlineData("5-[\"a\"]", "attachment count empty")]
    [InlineData("51001-[\"a\"]", "attachment count too large")]
    [InlineData("51-[\"a\",{\"_placeholder\":true,\"num\":1}]", "placeholder past the attachments")]
    [InlineData("51-[\"a\",{\"_placeholder\":true,\"num\":-1}]", "negative placeholder")]
    [InlineData("51-[\"a\",{\"_placeholder\":true}]", "placeholder without num")]
    [InlineData("51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]", "placeholder num not a number")]
    public void Rejects_bad_packets(string text, string why)
    {
        var ex = Assert.Throws<ProtocolException>(() => SocketParser.Decode(text));
        Assert.False(string.IsNullOrEmpty(ex.Message), why);
    }

    [Fact]
    public void Rejects_json_nested_too_deeply() =>
        Assert.Throws<ProtocolException>(() => SocketParser.Decode("2[\"a\"," + new string('[', 200) + new string(']', 200) + "]"));

    [Fact]
    public void Placeholders_in_a_text_event_are_plain_data() =>
        Assert.Equal(SocketPacketType.Event, SocketParser.Decode("2[\"a\",{\"_placeholder\":true,\"num\":7}]").Type);

    [Fact]
    public void Accepts_the_largest_ack_id() =>
        Assert.Equal(SocketParser.MaxAckId, SocketParser.Decode("29007199254740991[\"a\"]").AckId);

    [Fact]
    public void Accepts_a_numeric_event_name() => Assert.Equal(SocketPacketType.Event, SocketParser.Decode("2[1,2]").Type);
}

public sealed class SocketEncoderTests
{
    private static string Text(EngineFrame frame) => Encoding.UTF8.GetString(frame.Data);

    [Fact]
    public void Encodes_an_event_in_the_main_namespace()
    {
        var frames = SocketEncoder.Event("/", new OutboundEvent("foo", "[\"bar\",1]"u8.ToArray()));
        Assert.Equal("42[\"foo\",\"bar\",1]", Text(Assert.Single(frames)));
    }

    [Fact]
    public void Encodes_an_event_without_arguments() =>
        Assert.Equal("42/chat,[\"ping\"]", Text(Assert.Single(SocketEncoder.Event("/chat", new OutboundEvent("ping", "[]"u8.ToArray())))));

    [Fact]
    public void Escapes_the_event_name() =>
        Assert.Equal("42[\"say \\\"hi\\\"\",1]", Text(SocketEncoder.Event("/", new OutboundEvent("say \"hi\"", "[1]"u8.ToArray()))[0]));

    [Fact]
    public void Encodes_an_event_with_an_ack_id() =>
        Assert.Equal("42/admin,13[\"foo\"]", Text(SocketEncoder.Event("/admin", new OutboundEvent("foo", "[]"u8.ToArray()), 13)[0]));

    [Fact]
    public void Encodes_a_binary_event_with_its_attachments()
    {
        var frames = SocketEncoder.Event("/admin", new OutboundEvent("baz", "[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"u8.ToArray(), [[1, 2], [3, 4]]));
        Assert.Equal(3, frames.Length);
        Assert.Equal("452-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", Text(frames[0]));
        Assert.True(frames[1].Binary);
        Assert.Equal(new byte[] { 3, 4 }, frames[2].Data);
    }

    [Fact]
    public void Encodes_acks_and_binary_acks()
    {
        Assert.Equal("43/admin,13[\"bar\"]", Text(SocketEncoder.Ack("/admin", 13, "[\"bar\"]"u8.ToArray(), null)[0]));
        Assert.Equal("461-15[\"bar\",{\"_placeholder\":true,\"num\":0}]", Text(SocketEncoder.Ack("/", 15, "[\"bar\",{\"_placeholder\":true,\"num\":0}]"u8.ToArray(), [[1]])[0]));
    }

    [Fact]
    public void Encodes_connect_connect_error_and_disconnect()
    {
        Assert.Equal("40/admin,{\"sid\":\"abc\"}", Text(SocketEncoder.Connect("/admin", "abc")[0]));
        Assert.Equal("44/random,{\"message\":\"Invalid namespace\"}", Text(SocketEncoder.ConnectError("/random", "Invalid namespace")[0]));
        Assert.Equal("41", Text(SocketEncoder.Disconnect("/")[0]));
        Assert.Equal("41/admin,", Text(SocketEncoder.Disconnect("/admin")[0]));
    }

    [Fact]
    public void Encoded_packets_decode_back()
    {
        var frames = SocketEncoder.Event("/chat", new OutboundEvent("e", "[{\"x\":[1,2]},\"s\"]"u8.ToArray()), 7);
        var packet = SocketParser.Decode(Text(frames[0])[1..]);
        Assert.Equal(("/chat", 7L, 3), (packet.Namespace, packet.AckId!.Value, packet.Data!.Value.GetArrayLength()));
        Assert.Equal(JsonValueKind.Object, packet.Data.Value[1].ValueKind);
    }
}
