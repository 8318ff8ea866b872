using System.Security.Cryptography;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// Connection ids: <c>{frontId}.{random}</c>. The prefix names the front that holds the socket, so a
/// push to one connection goes straight to that front with no lookup.
/// </summary>
public static class Sid
{
    private const int RandomBytes = 12;

    public static string New(string frontId) =>
        $"{frontId}.{Base64Url(RandomNumberGenerator.GetBytes(RandomBytes))}";

    /// <summary>The front a connection id belongs to, or null when the text is not a connection id.</summary>
    public static string? FrontOf(string sid)
    {
        var dot = sid.IndexOf('.');
        return dot == FrontIdentity.IdLength && sid.Length == dot + 1 + RandomTextLength ? sid[..dot] : null;
    }

    private static readonly int RandomTextLength = RandomBytes / 3 * 4;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
}
