using ActorChat.WebFront.Realtime.Admission;

namespace ActorChat.WebFront.Realtime;

/// <summary>
/// Refuses a connection: thrown by <see cref="NamespaceHandler.OnConnecting"/> (or an identity resolver).
/// The client hears the refusal in its transport's form: Socket.IO CONNECT_ERROR, WebSocket close 1008,
/// SignalR's close error, or an HTTP status before an upgrade.
/// </summary>
public sealed class ConnectionRefusedException(ConnectionRefusal refusal) : Exception(refusal.Reason)
{
    /// <summary>A refusal by the application, with its reason (code <c>refused</c>, HTTP 403).</summary>
    public ConnectionRefusedException(string reason) : this(ConnectionRefusal.Refused(reason)) { }

    public ConnectionRefusal Refusal { get; } = refusal;
}
