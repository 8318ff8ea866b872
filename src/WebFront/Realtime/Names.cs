using System.Text.RegularExpressions;

namespace ActorChat.WebFront.Realtime;

/// <summary>What a valid event, room, namespace or user name is.</summary>
public static partial class Names
{
    public const int MaxLength = 256;

    /// <summary>Event names a client may not send: the pipeline raises them itself.</summary>
    /// <summary>A raw WebSocket client's first event on a resumed session: the last offset it saw per room.</summary>
    public const string ResumeEvent = "resume";

    /// <summary>The server's answer once a resume delivered what the client missed: <c>{recovered, missed}</c>.</summary>
    public const string ResumedEvent = "resumed";

    public static readonly IReadOnlySet<string> ReservedForServer = new HashSet<string>(StringComparer.Ordinal)
    {
        "connect", "disconnect", ClientError.EventName, "connect_error", "disconnecting", ResumeEvent, ResumedEvent,
    };

    public static void ValidateEvent(string? name) => Validate(name, "event", ClientError.InvalidEventName);

    public static void ValidateRoom(string? name) => Validate(name, "room", ClientError.InvalidRoomName);

    /// <summary>A name is 1 to 256 characters of well-formed Unicode with no control characters.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && !name.Any(char.IsControl) && IsWellFormed(name);

    /// <summary>True when the text has no lone UTF-16 surrogate (which no encoder can write out).</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(text[i])) return false;
        }
        return true;
    }

    /// <summary>The text with each lone surrogate replaced by U+FFFD, so it can be written back to a client.</summary>
    public static string Printable(string text)
    {
        if (IsWellFormed(text)) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    /// <summary>Namespaces are <c>/</c> or <c>/</c> followed by letters, digits and <c>_ - . /</c>; never <c>#</c>, which splits room keys.</summary>
    public static bool IsValidNamespace(string? name) =>
        name is not null && name.Length <= MaxLength && NamespacePattern().IsMatch(name);

    private static void Validate(string? name, string what, string code)
    {
        if (IsValid(name)) return;
        var reason = string.IsNullOrEmpty(name) ? "is empty"
            : name.Length > MaxLength ? $"is longer than {MaxLength} characters"
            : !IsWellFormed(name) ? "is not valid Unicode (a lone surrogate)"
            : "contains control characters";
        throw new ClientInputException(code, $"The {what} name {reason}.");
    }

    [GeneratedRegex(@"^/[A-Za-z0-9_\-./]*$")]
    private static partial Regex NamespacePattern();
}
