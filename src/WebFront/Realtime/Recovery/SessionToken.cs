using System.Buffers.Text;
using System.Security.Cryptography;

namespace ActorChat.WebFront.Realtime.Recovery;

/// <summary>A session's token: 128 random bits, base64url (22 characters), unguessable, and the session grain's key.</summary>
public static class SessionToken
{
    private const int Length = 22;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
