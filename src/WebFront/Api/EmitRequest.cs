using System.Text.Json;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Api;

/// <summary>The body of <c>POST /api/namespaces/{ns}/events</c>.</summary>
public sealed record EmitRequest(string? Event, JsonElement[]? Args, EmitRequestTarget? To)
{
    private static readonly string[] Fields = ["event", "args", "to"];
    private static readonly string[] TargetFields = ["room", "user", "sid"];

    private const string Shape = "The body must be JSON: {\"event\": \"name\", \"args\": [...], \"to\": {\"room\"|\"user\"|\"sid\": \"...\"}}.";

    /// <summary>
    /// Reads the body strictly: a field this API does not know is an error naming it (a misplaced
    /// <c>"room"</c> must not silently become a push to the whole namespace), and so is invalid Unicode.
    /// </summary>
    public static async Task<(EmitRequest? Request, string? Problem)> ReadAsync(HttpRequest http)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Body, default, http.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, Shape);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, Shape);
            if (!JsonUnicode.IsWellFormed(root)) return (null, "The body is not valid Unicode: it has a lone surrogate escape.");
            if (Unknown(root, Fields) is { } unknown) return (null, $"Unknown field(s) {unknown}; the fields are \"event\", \"args\" and \"to\".");
            if (root.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.Object && Unknown(to, TargetFields) is { } unknownTarget)
                return (null, $"Unknown field(s) {unknownTarget} in \"to\"; it names one of \"room\", \"user\" and \"sid\".");
            try
            {
                return (root.Deserialize<EmitRequest>(JsonSerializerOptions.Web), null);
            }
            catch (JsonException)
            {
                return (null, Shape);
            }
        }
    }

    private static string? Unknown(JsonElement obj, string[] known)
    {
        var unknown = obj.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0 ? null : string.Join(", ", unknown.Select(n => $"\"{n}\""));
    }
}

/// <summary>Where a pushed event goes: one of a room, a user or a connection; none means the whole namespace.</summary>
public sealed record EmitRequestTarget(string? Room, string? User, string? Sid);
