using System.Text;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Transports.ServerSentEvents;

/// <summary>
/// Encodes an event as one Server-Sent Events message: <c>event: name</c>, <c>data: [args…]</c> (the JSON array,
/// binary arguments inlined as base64), a blank line. JSON has line breaks only between tokens, so a multi-line
/// array becomes several <c>data:</c> lines, which the client joins back with line breaks.
/// </summary>
public sealed class ServerSentEventEncoder : IEventEncoder<byte[]>
{
    /// <summary>A comment line: ignored by clients, it keeps an idle stream open through proxies.</summary>
    public static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();

    public byte[] Encode(PreparedEvent prepared)
    {
        var @event = prepared.Event;
        var text = new StringBuilder("event: ").Append(@event.Name).Append('\n');
        var json = Encoding.UTF8.GetString(EventPayload.InlineAttachments(@event));
        foreach (var line in json.Split('\n')) text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        return Encoding.UTF8.GetBytes(text.Append('\n').ToString());
    }
}
