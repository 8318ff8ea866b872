namespace ActorChat.WebFront.Transports.SocketIO.Engine;

/// <summary>
/// Input that breaks the Engine.IO or Socket.IO protocol. The parsers throw nothing else, so a
/// transport catches exactly this and answers with the spec's response (HTTP 400 or a close).
/// </summary>
public sealed class ProtocolException(string message) : Exception(message);
