namespace ActorChat.WebFront.Namespaces;

/// <summary>The argument of <c>join</c> and <c>leave</c>: <c>{"room": "room1", "username": "user1"}</c>.</summary>
public sealed record RoomRequest(string? Room, string? Username);
