using System.Text.Json;

namespace ActorChat.WebFront.Realtime;

/// <summary>
/// A namespace's handler class: one class registers all the namespace's handlers, like
/// Flask-SocketIO's class-based <c>Namespace</c>. An event is handled by the public method marked
/// <c>[Event("name")]</c>, else by the method named <c>On</c> + the event name in PascalCase
/// (<c>my_event</c> → <c>OnMyEvent</c>, <c>chat</c> → <c>OnChat</c>). A handler may take an
/// <see cref="EventContext"/> first; its other parameters are the event's arguments. What it returns
/// answers the client's ack (return an <see cref="Ack"/> for several values).
/// One instance serves every connection of the namespace.
/// </summary>
public abstract class NamespaceHandler
{
    /// <summary>
    /// A client asks to connect, before it is registered or told its id: throw a
    /// <see cref="ConnectionRefusedException"/> to refuse it (for example on a bad <see cref="EventContext.Auth"/>).
    /// </summary>
    public virtual Task OnConnecting(EventContext context) => Task.CompletedTask;

    /// <summary>
    /// A client asks to join a room (<see cref="EventContext.JoinRoom"/>): throw a <see cref="JoinRefusedException"/>
    /// to refuse; the client's event then fails with a <c>forbidden</c> error saying why, and nothing is joined.
    /// Joins by server code (<see cref="IRealtimeServer.JoinRoomAsync"/>) are trusted and not asked.
    /// </summary>
    public virtual Task OnJoining(EventContext context, string room) => Task.CompletedTask;

    /// <summary>A client connected to the namespace (it is registered and can be emitted to).</summary>
    public virtual Task OnConnect(EventContext context) => Task.CompletedTask;

    /// <summary>A client's connection closed (it has already left its rooms).</summary>
    public virtual Task OnDisconnect(EventContext context) => Task.CompletedTask;

    /// <summary>An event no method handles; by default the sender hears an <c>unknown_event</c> error.</summary>
    public virtual Task<object?> OnAny(EventContext context, string @event, JsonElement[] args) =>
        throw new ClientInputException(ClientError.UnknownEvent, $"The namespace {context.Namespace} has no handler for the event '{@event}'.",
            new Dictionary<string, object?> { ["event"] = @event });
}

/// <summary>Thrown by <see cref="NamespaceHandler.OnJoining"/> to refuse a join; the client hears the message.</summary>
public sealed class JoinRefusedException(string reason) : Exception(reason);

/// <summary>Names the event a handler method handles, for names that are not identifiers (<c>my event</c>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class EventAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>A handler's answer to an ack with several arguments.</summary>
public sealed class Ack(params object?[] args)
{
    public object?[] Args { get; } = args;
}
