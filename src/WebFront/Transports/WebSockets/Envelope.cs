using System.Text.Json;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>A client's event envelope: <c>{"event": "join", "args": [...], "ack": 7}</c>.</summary>
public sealed record Envelope(string Event, JsonElement[] Args, long? Ack)
{
    /// <summary>
    /// Reads a text frame: JSON (valid UTF-8, with no lone surrogate escapes) holding an envelope. Throws a
    /// <see cref="ClientInputException"/> (<c>bad_frame</c> or <c>bad_envelope</c>) and nothing else. The
    /// envelope's arguments live in the returned document, which the caller disposes.
    /// </summary>
    public static (JsonDocument Document, Envelope Envelope) Read(ReadOnlyMemory<byte> frame)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            throw new ClientInputException(ClientError.BadFrame, "The frame is not valid JSON.");
        }
        try
        {
            if (!JsonUnicode.IsWellFormed(frame.Span, document.RootElement))
                throw new ClientInputException(ClientError.BadFrame, "The frame is not valid Unicode: it has a lone surrogate escape.");
            return (document, From(document.RootElement));
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

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
