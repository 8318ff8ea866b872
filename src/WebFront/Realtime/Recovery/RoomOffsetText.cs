using System.Globalization;

namespace ActorChat.WebFront.Realtime.Recovery;

/// <summary>
/// A room message's position as text, <c>{room}:{offset}</c>, for protocols whose clients keep only the last one they
/// got and hand it back when they reconnect (Socket.IO's offset argument, an SSE event id). It names the room,
/// because ActorChat numbers messages per room rather than per server.
/// </summary>
public static class RoomOffsetText
{
    public static string Format(string room, long offset) => $"{room}:{offset.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The room and offset of a string a client sent back, or null for anything else (socket.io-client takes any
    /// trailing string argument for an offset, so a plain message's last string may come back here).
    /// </summary>
    public static IReadOnlyDictionary<string, long>? Parse(string? text)
    {
        var colon = text?.LastIndexOf(':') ?? -1;
        if (colon < 1 || !long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)) return null;
        return new Dictionary<string, long>(StringComparer.Ordinal) { [text![..colon]] = offset };
    }
}
