using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Realtime;

/// <summary>The connection an event came from, and what a handler can do in answer.</summary>
public sealed class EventContext(IRealtimeConnection connection, IRealtimeServer server, LocalConnections local,
    IReadOnlyList<byte[]>? attachments = null, UserIdentity? identity = null, NamespaceHandler? handler = null)
{
    /// <summary>How long <see cref="EmitWithAckAsync"/> waits for the client when no timeout is given.</summary>
    public static readonly TimeSpan DefaultAckTimeout = TimeSpan.FromSeconds(10);

    public const string MessageEvent = "message";
    public const string JsonEvent = "json";

    public string Sid => connection.Info.Sid;
    public string Namespace => connection.Info.Namespace;
    public string User => connection.Info.User;
    public string Transport => connection.Info.Transport;
    public IRealtimeServer Server => server;

    /// <summary>Who the client is, as it was admitted: its name, and the claims of its token when it authenticated.</summary>
    public UserIdentity Identity { get; } = identity ?? UserIdentity.Anonymous(connection.Info.User);

    /// <summary>What the client sent when it connected (Socket.IO's CONNECT auth), or null.</summary>
    public JsonElement? Auth => connection.Auth;

    /// <summary>The binary arguments of the event being handled; its JSON arguments refer to them by placeholders.</summary>
    public IReadOnlyList<byte[]> Attachments { get; } = attachments ?? [];

    /// <summary>
    /// The arguments with each top-level binary placeholder replaced by its bytes, ready to emit or ack
    /// again: a relay built from this keeps the sender's binary arguments binary.
    /// </summary>
    public object?[] WithAttachments(IReadOnlyList<JsonElement> args) =>
        args.Select(arg => EventPayload.IsPlaceholder(arg, out var num) && num >= 0 && num < Attachments.Count ? Attachments[num] : (object?)arg).ToArray();

    /// <summary>The rooms this connection is in (besides the one named by its own id).</summary>
    public IReadOnlyCollection<string> Rooms => local.RoomsOf(Sid);

    /// <summary>Emits an event to the caller only.</summary>
    public Task Emit(string @event, params object?[] args)
    {
        connection.Send(new PreparedEvent(EventPayload.Create(@event, args)));
        return Task.CompletedTask;
    }

    /// <summary>Emits an already-built event (for example a relay that keeps the sender's attachments) to the caller only.</summary>
    public Task Emit(OutboundEvent @event)
    {
        connection.Send(new PreparedEvent(@event));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Emits an event to the caller and waits for its acknowledgement. Throws <see cref="TimeoutException"/>
    /// when the client does not answer in time, <see cref="NotSupportedException"/> on transports without acks.
    /// </summary>
    public Task<AckReply> EmitWithAckAsync(string @event, TimeSpan? timeout, params object?[] args) =>
        connection.EmitWithAckAsync(EventPayload.Create(@event, args), timeout ?? DefaultAckTimeout);

    /// <summary>Sends an unnamed message to the caller: the event <c>message</c>.</summary>
    public Task Send(object? data) => Emit(MessageEvent, data);

    /// <summary>Emits an event to a target in this namespace, as sent by this connection's user (room history records who).</summary>
    public Task EmitTo(EmitTarget target, string @event, params object?[] args) =>
        server.EmitAsync(Namespace, target, EventPayload.Create(@event, args) with { From = User });

    /// <summary>Emits an event to the whole namespace, with or without the caller.</summary>
    public Task Broadcast(string @event, bool includeSelf, params object?[] args) =>
        server.EmitAsync(Namespace, EmitTarget.Namespace.Except(includeSelf ? null : Sid), @event, args);

    /// <summary>Joins the caller to a room once the namespace's <see cref="NamespaceHandler.OnJoining"/> allows it.</summary>
    public async Task<RoomChange> JoinRoom(string room)
    {
        Names.ValidateRoom(room);
        try
        {
            if (handler is not null) await handler.OnJoining(this, room);
        }
        catch (JoinRefusedException ex)
        {
            throw new ClientInputException(ClientError.Forbidden, ex.Message, new Dictionary<string, object?> { ["room"] = room });
        }
        local.CheckRoomLimit(Sid, room);
        return await server.JoinRoomAsync(Sid, room);
    }

    public Task<RoomChange> LeaveRoom(string room) => server.LeaveRoomAsync(Sid, room);
}
