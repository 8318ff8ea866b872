using System.Text.Json;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>A client's event envelope: <c>{"event": "join", "args": [...], "ack": 7}</c>.</summary>
public sealed record Envelope(string Event, JsonElement[] Args, long? Ack)
{
    /// <summary>Reads an envelope from a parsed frame, or throws a <see cref="ClientInputException"/> saying what is wrong.</summary>
    public static Envelope From(JsonElement frame)
    {
        if (frame.ValueKind != JsonValueKind.Object)
            throw Bad("A frame must be a JSON object such as {\"event\": \"name\", \"args\": []}.");
        if (!frame.TryGetProperty("event", out var name) || name.ValueKind != JsonValueKind.String)
            throw Bad("The frame has no \"event\" string.");

        JsonElement[] args = [];
        if (frame.TryGetProperty("args", out var argsElement))
        {
            if (argsElement.ValueKind != JsonValueKind.Array) throw Bad("\"args\" must be an array.");
            args = argsElement.EnumerateArray().ToArray();
        }

        long? ack = null;
        if (frame.TryGetProperty("ack", out var ackElement) && ackElement.ValueKind != JsonValueKind.Null)
        {
            if (ackElement.ValueKind != JsonValueKind.Number || !ackElement.TryGetInt64(out var id) || id < 0)
                throw Bad("\"ack\" must be a non-negative integer.");
            ack = id;
        }
        return new Envelope(name.GetString()!, args, ack);
    }

    private static ClientInputException Bad(string message) => new(ClientError.BadEnvelope, message);
}
