using System.Text.Json;
using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime;

/// <summary>Builds outbound events from .NET values (serialized once, with web JSON defaults).</summary>
public static class EventPayload
{
    public static OutboundEvent Create(string name, IReadOnlyList<object?> args) =>
        new(name, JsonSerializer.SerializeToUtf8Bytes(args, JsonSerializerOptions.Web));

    public static byte[] Args(IReadOnlyList<object?> args) =>
        JsonSerializer.SerializeToUtf8Bytes(args, JsonSerializerOptions.Web);

    public static OutboundEvent Error(string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        Create(ClientError.EventName, [ClientError.Payload(code, message, details)]);
}
