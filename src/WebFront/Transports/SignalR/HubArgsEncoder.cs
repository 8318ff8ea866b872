using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>Turns an event's JSON arguments into the plain values a hub client method is invoked with.</summary>
public sealed class HubArgsEncoder : IEventEncoder<object?[]>
{
    // Binary arguments (from a Socket.IO client) reach hub clients as base64 strings.
    public object?[] Encode(PreparedEvent prepared) => Decode(EventPayload.InlineAttachments(prepared.Event));

    public static object?[] Decode(byte[] argsJson)
    {
        using var document = JsonDocument.Parse(argsJson);
        return document.RootElement.EnumerateArray().Select(PlainValues.FromJson).ToArray();
    }
}
