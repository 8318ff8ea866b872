using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Recovery;

namespace ActorChat.WebFront.Transports.ServerSentEvents;

/// <summary>
/// The <c>id:</c> of the stream's events, which <c>EventSource</c> sends back as <c>Last-Event-ID</c> when it
/// reconnects: the session token alone (sent before <c>connect</c>), then <c>{token}:{room}:{offset}</c> on every
/// room message. The token has no colon, so the first one ends it.
/// </summary>
public static class ServerSentEventId
{
    public const string Header = "Last-Event-ID";

    public static string Of(string session, PreparedEvent prepared) =>
        prepared is { Room: { } room, Offset: > 0 } ? $"{session}:{RoomOffsetText.Format(room, prepared.Offset)}" : session;

    /// <summary>The session and room offset a <c>Last-Event-ID</c> names; the session is null when there was none.</summary>
    public static (string? Session, IReadOnlyDictionary<string, long>? Offsets) Parse(string? lastEventId)
    {
        if (string.IsNullOrEmpty(lastEventId)) return (null, null);
        var colon = lastEventId.IndexOf(':');
        return colon < 0 ? (lastEventId, null) : (lastEventId[..colon], RoomOffsetText.Parse(lastEventId[(colon + 1)..]));
    }
}
