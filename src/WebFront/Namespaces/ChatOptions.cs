using ActorChat.Configuration;
using ActorChat.Hosting.Configuration;
using System.Text.RegularExpressions;
using ActorChat.WebFront.Identity;

namespace ActorChat.WebFront.Namespaces;

/// <summary>Options of the chat namespaces, bound from <c>ActorChat:Chat</c>.</summary>
public sealed class ChatOptions : IValidatedOptions
{
    public const string Section = "ActorChat:Chat";

    /// <summary>Rooms that need a claim to join, ask the presence of, relay into or read over the HTTP API.</summary>
    public List<RoomRule> RoomRules { get; set; } = [];

    public string? Validate()
    {
        for (var i = 0; i < RoomRules.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(RoomRules[i].Pattern)) return $"{Section}:RoomRules:{i}:Pattern must not be empty.";
            if (string.IsNullOrWhiteSpace(RoomRules[i].Claim)) return $"{Section}:RoomRules:{i}:Claim must not be empty.";
        }
        return null;
    }

    /// <summary>
    /// Whether a user may use a room: rooms that match no rule are open; a room that matches a rule's pattern
    /// needs a claim of the rule's type whose value names it (a value may itself be a pattern, <c>team-*</c>).
    /// An anonymous user has no claims, so protected rooms are closed to it.
    /// </summary>
    public bool MayUse(UserIdentity identity, string room) =>
        RoomRules.Where(rule => RoomRule.Matches(rule.Pattern, room))
            .All(rule => identity.Principal.FindAll(rule.Claim).Any(claim => RoomRule.Matches(claim.Value, room)));
}

/// <summary>Rooms matching <see cref="Pattern"/> (<c>*</c> is any run of characters) need a <see cref="Claim"/> naming them.</summary>
public sealed class RoomRule
{
    public string Pattern { get; set; } = "";

    public string Claim { get; set; } = "rooms";

    public static bool Matches(string pattern, string room) =>
        pattern == room || (pattern.Contains('*') && Regex.IsMatch(room, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)));
}
