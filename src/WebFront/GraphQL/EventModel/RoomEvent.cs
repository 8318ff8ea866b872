using System.Text.Json;

namespace ActorChat.WebFront.GraphQL.EventModel;

/// <summary>An event delivered to a room, as a subscription hands it to GraphQL.</summary>
/// <param name="Args">The arguments as sent: a JSON list.</param>
public sealed record RoomEvent(string Event, JsonElement Args, EventSender? From);

/// <summary>The <c>from: {user, sid}</c> a relay puts into an event's first argument.</summary>
public sealed record EventSender(string? User, string? Sid);

/// <summary>A room's <c>presence</c> event: a user <c>joined</c> or <c>left</c>.</summary>
public sealed record PresenceChange(string User, string Status);
