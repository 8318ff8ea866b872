namespace ActorChat.WebFront.Realtime;

/// <summary>The stable codes of the <c>error</c> event (documented in docs/protocol.md).</summary>
public static class ClientError
{
    public const string EventName = "error";

    public const string BadFrame = "bad_frame";
    public const string BadEnvelope = "bad_envelope";
    public const string InvalidEventName = "invalid_event_name";
    public const string InvalidRoomName = "invalid_room_name";
    public const string ArityMismatch = "arity_mismatch";
    public const string BadArgument = "bad_argument";
    public const string UnknownEvent = "unknown_event";
    public const string ReservedEvent = "reserved_event";
    public const string HandlerError = "handler_error";
    public const string UnknownConnection = "unknown_connection";
    public const string RateLimited = "rate_limited";
    public const string TooManyRooms = "too_many_rooms";
    public const string Forbidden = "forbidden";
    public const string Unavailable = "unavailable";
    public const string SessionUnknown = "session_unknown";

    /// <summary>The payload of an <c>error</c> event: code and message first, then the details.</summary>
    public static Dictionary<string, object?> Payload(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    {
        var payload = new Dictionary<string, object?> { ["code"] = code, ["message"] = message };
        if (details is not null)
            foreach (var (key, value) in details) payload[key] = value;
        return payload;
    }
}
