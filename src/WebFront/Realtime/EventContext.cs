using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime;

/// <summary>The connection an event came from, and what a handler can do in answer.</summary>
public sealed class EventContext(IRealtimeConnection connection, IRealtimeServer server, LocalConnections local)
{
    public const string MessageEvent = "message";
    public const string JsonEvent = "json";

    public string Sid => connection.Info.Sid;
    public string Namespace => connection.Info.Namespace;
    public string User => connection.Info.User;
    public string Transport => connection.Info.Transport;
    public IRealtimeServer Server => server;

    /// <summary>The rooms this connection is in (besides the one named by its own id).</summary>
    public IReadOnlyCollection<string> Rooms => local.RoomsOf(Sid);

    /// <summary>Emits an event to the caller only.</summary>
    public Task Emit(string @event, params object?[] args)
    {
        connection.Send(new PreparedEvent(EventPayload.Create(@event, args)));
        return Task.CompletedTask;
    }

    /// <summary>Sends an unnamed message to the caller: the event <c>message</c>.</summary>
    public Task Send(object? data) => Emit(MessageEvent, data);

    /// <summary>Emits an event to a target in this namespace.</summary>
    public Task EmitTo(EmitTarget target, string @event, params object?[] args) => server.EmitAsync(Namespace, target, @event, args);

    /// <summary>Emits an event to the whole namespace, with or without the caller.</summary>
    public Task Broadcast(string @event, bool includeSelf, params object?[] args) =>
        server.EmitAsync(Namespace, EmitTarget.Namespace.Except(includeSelf ? null : Sid), @event, args);

    public Task<RoomChange> JoinRoom(string room) => server.JoinRoomAsync(Sid, room);

    public Task<RoomChange> LeaveRoom(string room) => server.LeaveRoomAsync(Sid, room);
}
