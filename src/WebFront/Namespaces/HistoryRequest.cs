namespace ActorChat.WebFront.Namespaces;

/// <summary>The argument of <c>history</c>: a room the caller is in, and optionally the last offset it has and how many messages it wants.</summary>
public sealed record HistoryRequest(string? Room, long? After, int? Limit);
