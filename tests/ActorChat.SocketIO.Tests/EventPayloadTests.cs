using System.Text;
using System.Text.Json;
using ActorChat.WebFront.Realtime;

namespace ActorChat.SocketIO.Tests;

/// <summary>Binary arguments in the core: byte arrays become attachments, and JSON transports get them inlined.</summary>
public sealed class EventPayloadTests
{
    [Fact]
    public void Byte_array_arguments_become_placeholders_and_attachments()
    {
        var @event = EventPayload.Create("file", ["name", new byte[] { 1, 2 }, new byte[] { 3 }]);
        Assert.Equal("[\"name\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", Encoding.UTF8.GetString(@event.ArgsJson));
        Assert.Equal([[1, 2], [3]], @event.Attachments!);
    }

    [Fact]
    public void Events_without_bytes_have_no_attachments()
    {
        var @event = EventPayload.Create("say", ["hi", 3]);
        Assert.Null(@event.Attachments);
        Assert.Equal("[\"hi\",3]", Encoding.UTF8.GetString(@event.ArgsJson));
    }

    [Fact]
    public void Inlining_replaces_placeholders_with_base64_wherever_they_are()
    {
        var json = "[{\"file\":{\"_placeholder\":true,\"num\":1}},{\"_placeholder\":true,\"num\":0},[{\"_placeholder\":true,\"num\":1}]]"u8.ToArray();
        var inlined = JsonDocument.Parse(EventPayload.InlineAttachments(json, [[1], [2, 3]])).RootElement;
        Assert.Equal("AgM=", inlined[0].GetProperty("file").GetString());
        Assert.Equal("AQ==", inlined[1].GetString());
        Assert.Equal("AgM=", inlined[2][0].GetString());
    }

    [Fact]
    public void Inlining_leaves_arguments_alone_when_there_are_no_attachments()
    {
        var json = "[{\"_placeholder\":true,\"num\":0}]"u8.ToArray();
        Assert.Same(json, EventPayload.InlineAttachments(json, null));
    }

    [Theory]
    [InlineData("{\"_placeholder\":true,\"num\":0}", true)]
    [InlineData("{\"_placeholder\":false,\"num\":0}", false)]
    [InlineData("{\"_placeholder\":true}", false)]
    [InlineData("{\"_placeholder\":true,\"num\":\"0\"}", false)]
    [InlineData("[1]", false)]
    public void Recognises_placeholders(string json, bool expected) =>
        Assert.Equal(expected, EventPayload.IsPlaceholder(JsonDocument.Parse(json).RootElement, out _));
}
