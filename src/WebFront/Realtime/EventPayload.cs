using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Recovery;

namespace ActorChat.WebFront.Realtime;

/// <summary>
/// Builds outbound events from .NET values (serialized once, with web JSON defaults). A <c>byte[]</c>
/// argument travels as a binary attachment, referenced from the JSON by Socket.IO's placeholder
/// <c>{"_placeholder":true,"num":n}</c>; transports without binary frames inline it as base64.
/// </summary>
public static class EventPayload
{
    public static OutboundEvent Create(string name, IReadOnlyList<object?> args)
    {
        var (json, attachments) = Serialize(args);
        return new OutboundEvent(name, json, attachments);
    }

    public static byte[] Args(IReadOnlyList<object?> args) =>
        JsonSerializer.SerializeToUtf8Bytes(args, JsonSerializerOptions.Web);

    /// <summary>The arguments as a JSON array, with top-level byte arrays taken out as attachments (null when there are none).</summary>
    public static (byte[] Json, byte[][]? Attachments) Serialize(IReadOnlyList<object?> args)
    {
        if (!args.Any(a => a is byte[])) return (Args(args), null);
        var attachments = new List<byte[]>();
        var replaced = args.Select(a => a is byte[] bytes ? Placeholder(attachments, bytes) : a).ToArray();
        return (Args(replaced), [.. attachments]);
    }

    /// <summary>
    /// The arguments with every placeholder replaced by its attachment as a base64 string: what a transport
    /// without binary frames sends. Returns the arguments unchanged when there are no attachments.
    /// </summary>
    public static byte[] InlineAttachments(byte[] argsJson, IReadOnlyList<byte[]>? attachments)
    {
        if (attachments is not { Count: > 0 }) return argsJson;
        var node = JsonNode.Parse(argsJson);
        return JsonSerializer.SerializeToUtf8Bytes(Inline(node, attachments), JsonSerializerOptions.Web);
    }

    public static byte[] InlineAttachments(OutboundEvent @event) => InlineAttachments(@event.ArgsJson, @event.Attachments);

    /// <summary>True when an element is a binary placeholder, with the attachment it refers to.</summary>
    public static bool IsPlaceholder(JsonElement element, out int num)
    {
        num = -1;
        return element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("_placeholder", out var marker) && marker.ValueKind == JsonValueKind.True
            && element.TryGetProperty("num", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out num);
    }

    public static OutboundEvent Error(string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        Create(ClientError.EventName, [ClientError.Payload(code, message, details)]);

    private static Dictionary<string, object> Placeholder(List<byte[]> attachments, byte[] bytes)
    {
        attachments.Add(bytes);
        return new Dictionary<string, object> { ["_placeholder"] = true, ["num"] = attachments.Count - 1 };
    }

    private static JsonNode? Inline(JsonNode? node, IReadOnlyList<byte[]> attachments)
    {
        switch (node)
        {
            case JsonObject obj when obj["_placeholder"] is JsonValue marker && marker.TryGetValue(out bool isMarker) && isMarker
                                     && obj["num"] is JsonValue n && n.TryGetValue(out int num) && num >= 0 && num < attachments.Count:
                return JsonValue.Create(Convert.ToBase64String(attachments[num]));
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToArray()) obj[key] = Inline(obj[key]?.DeepClone(), attachments);
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = Inline(array[i]?.DeepClone(), attachments);
                return array;
            default:
                return node;
        }
    }

    /// <summary>
    /// Tells a client of the envelope, SignalR, SSE and MQTT transports its id: the event <c>connect</c> with
    /// <c>{sid, user}</c>, and <c>session</c>, the token it resumes with, when it has one. Meant as
    /// <see cref="Admission.ConnectionAdmission.ConnectAsync"/>'s announce step.
    /// </summary>
    public static Task AnnounceConnected(IRealtimeConnection connection, SessionStart? session)
    {
        object info = session is null
            ? new { sid = connection.Info.Sid, user = connection.Info.User }
            : new { sid = connection.Info.Sid, user = connection.Info.User, session = session.Token };
        connection.Send(new PreparedEvent(Create("connect", [info])));
        return Task.CompletedTask;
    }
}
