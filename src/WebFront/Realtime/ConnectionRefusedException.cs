namespace ActorChat.WebFront.Realtime;

/// <summary>
/// Thrown by <see cref="NamespaceHandler.OnConnecting"/> to refuse a connection. The client hears the
/// message in its transport's form: Socket.IO CONNECT_ERROR, WebSocket close 1008, SignalR's close error.
/// </summary>
public sealed class ConnectionRefusedException(string message) : Exception(message);
