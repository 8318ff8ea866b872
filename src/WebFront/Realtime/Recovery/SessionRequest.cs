namespace ActorChat.WebFront.Realtime.Recovery;

/// <summary>
/// A transport's declaration that its clients keep sessions (docs/protocol.md, "Reconnecting"): admission opens
/// the connection's session, or resumes the one the client presented, before the client hears its id.
/// </summary>
/// <param name="Presented">The session token the client reconnects with (raw WebSocket's <c>?session=</c>, Socket.IO's <c>pid</c>); null for a new session.</param>
public sealed record SessionRequest(string? Presented);
