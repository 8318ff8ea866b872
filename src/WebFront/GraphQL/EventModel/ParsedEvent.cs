using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.GraphQL.EventModel;

/// <summary>An event's name and its arguments as JSON, parsed once per front however many subscriptions hear it.</summary>
public sealed class ParsedEvent(string name, JsonElement args)
{
    public string Name { get; } = name;

    /// <summary>The arguments: a JSON list (binary ones inlined as base64).</summary>
    public JsonElement Args { get; } = args;

    /// <summary>The first argument, when it is an object (where relays and announcements put their fields).</summary>
    public JsonElement? FirstObject =>
        Args.ValueKind == JsonValueKind.Array && Args.GetArrayLength() > 0 && Args[0].ValueKind == JsonValueKind.Object ? Args[0] : null;
}

/// <summary>
/// Turns a delivered event into a <see cref="ParsedEvent"/>; <see cref="PreparedEvent"/> keeps one per encoder, so
/// a delivery to a thousand subscriptions on this front is parsed once.
/// </summary>
public sealed class EventParser : IEventEncoder<ParsedEvent>
{
    public ParsedEvent Encode(PreparedEvent prepared) =>
        new(prepared.Event.Name, JsonSerializer.Deserialize<JsonElement>(EventPayload.InlineAttachments(prepared.Event)));
}
