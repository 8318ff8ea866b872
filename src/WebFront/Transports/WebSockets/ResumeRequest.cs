using System.Text.Json;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>
/// A resumed connection's first frame when it is <c>{"event":"resume","args":[{"offsets":{"room1":17}}]}</c>: the last
/// offset the client saw in each room. Offsets that are not whole numbers of 0 or more are a <see cref="Problem"/>,
/// and the server then resumes from what it delivered.
/// </summary>
public sealed record ResumeRequest(IReadOnlyDictionary<string, long>? Offsets, string? Problem)
{
    /// <summary>The request in <paramref name="frame"/>, or null when the frame is not a <c>resume</c> event (it is handled as usual).</summary>
    public static ResumeRequest? Read(ReadOnlyMemory<byte> frame)
    {
        JsonDocument document;
        Envelope envelope;
        try
        {
            (document, envelope) = Envelope.Read(frame);
        }
        catch (ClientInputException)
        {
            return null;
        }
        using (document)
        {
            if (envelope.Event != Names.ResumeEvent) return null;
            if (envelope.Args is []) return new ResumeRequest(null, null);
            if (envelope.Args is not [{ ValueKind: JsonValueKind.Object } first] ||
                (first.TryGetProperty("offsets", out var offsets) && offsets.ValueKind != JsonValueKind.Object))
                return Bad();
            if (!first.TryGetProperty("offsets", out offsets)) return new ResumeRequest(null, null);
            var byRoom = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var room in offsets.EnumerateObject())
            {
                if (room.Value.ValueKind != JsonValueKind.Number || !room.Value.TryGetInt64(out var offset) || offset < 0) return Bad();
                byRoom[room.Name] = offset;
            }
            return new ResumeRequest(byRoom, null);
        }
    }

    private static ResumeRequest Bad() => new(null,
        "resume takes one argument {\"offsets\": {\"room\": offset}} with whole offsets of 0 or more; resumed from what the server delivered instead.");
}
