using System.Text.RegularExpressions;

namespace ActorChat.WebFront.Realtime;

/// <summary>What a valid event, room, namespace or user name is.</summary>
public static partial class Names
{
    public const int MaxLength = 256;

    /// <summary>Event names a client may not send: the pipeline raises them itself.</summary>
    public static readonly IReadOnlySet<string> ReservedForServer = new HashSet<string>(StringComparer.Ordinal)
    {
        "connect", "disconnect", ClientError.EventName, "connect_error", "disconnecting",
    };

    public static void ValidateEvent(string? name) => Validate(name, "event", ClientError.InvalidEventName);

    public static void ValidateRoom(string? name) => Validate(name, "room", ClientError.InvalidRoomName);

    /// <summary>A name is 1 to 256 characters with no control characters.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && !name.Any(char.IsControl);

    /// <summary>Namespaces are <c>/</c> or <c>/</c> followed by letters, digits and <c>_ - . /</c>; never <c>#</c>, which splits room keys.</summary>
    public static bool IsValidNamespace(string? name) =>
        name is not null && name.Length <= MaxLength && NamespacePattern().IsMatch(name);

    private static void Validate(string? name, string what, string code)
    {
        if (IsValid(name)) return;
        var reason = string.IsNullOrEmpty(name) ? "is empty"
            : name.Length > MaxLength ? $"is longer than {MaxLength} characters"
            : "contains control characters";
        throw new ClientInputException(code, $"The {what} name {reason}.");
    }

    [GeneratedRegex(@"^/[A-Za-z0-9_\-./]*$")]
    private static partial Regex NamespacePattern();
}
