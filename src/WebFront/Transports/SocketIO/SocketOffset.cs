using System.Globalization;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>
/// The offset string connection state recovery appends to a room message, <c>{room}:{offset}</c>. socket.io-client
/// keeps the last one it got and sends it back when it reconnects; it names the room, because ActorChat numbers
/// messages per room rather than per server.
/// </summary>
public static class SocketOffset
{
    public static string Format(string room, long offset) => $"{room}:{offset.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The room and offset of a string a client sent back, or null for anything else: socket.io-client takes any
    /// trailing string argument for an offset, so a plain message's last string may come back here.
    /// </summary>
    public static IReadOnlyDictionary<string, long>? Parse(string? text)
    {
        var colon = text?.LastIndexOf(':') ?? -1;
        if (colon < 1 || !long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)) return null;
        return new Dictionary<string, long>(StringComparer.Ordinal) { [text![..colon]] = offset };
    }
}
