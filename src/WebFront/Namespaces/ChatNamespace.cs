using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Namespaces;

/// <summary>
/// The built-in chat handler of <c>/</c> and <c>/chat</c>: the tutorial's handlers, rooms with
/// presence, and a relay for every other event (docs/protocol.md, "The chat namespaces").
/// </summary>
public sealed class ChatNamespace(IOptions<ChatOptions> chat, IOptions<AuthOptions> auth) : NamespaceHandler
{
    /// <summary>Rooms under a <see cref="ChatOptions.RoomRules"/> rule need the rule's claim to join.</summary>
    public override Task OnJoining(EventContext context, string room) =>
        chat.Value.MayUse(context.Identity, room) ? Task.CompletedTask : throw new JoinRefusedException(NotAllowed(room));

    /// <summary><c>socket.send('message')</c> → <c>send('received message.')</c>.</summary>
    public Task OnMessage(EventContext context, JsonElement message) => context.Send("received message.");

    /// <summary><c>socket.send({...})</c> → <c>send('received json.')</c>.</summary>
    public Task OnJson(EventContext context, JsonElement json) => context.Send("received json.");

    /// <summary>
    /// <c>emit('my event', 'message')</c> → <c>emit('my event', 'received data.')</c>; with several
    /// arguments the same arguments come back, so a three-parameter client handler gets three.
    /// </summary>
    [Event("my event")]
    public Task OnMyEvent(EventContext context, params JsonElement[] args) =>
        args.Length == 1 ? context.Emit("my event", "received data.") : context.Emit("my event", args.Cast<object?>().ToArray());

    public async Task<object> OnJoin(EventContext context, RoomRequest request)
    {
        var change = await RoomAnnouncer.JoinAsync(context, request);
        return new { room = change.Room, members = change.Members };
    }

    public async Task<object> OnLeave(EventContext context, RoomRequest request)
    {
        var change = await RoomAnnouncer.LeaveAsync(context, request);
        return new { room = change.Room, members = change.Members };
    }

    /// <summary><c>presence {room}</c> answers the room's users with their connection counts; <c>presence {user}</c> a user's presence.</summary>
    public async Task<object> OnPresence(EventContext context, PresenceRequest request)
    {
        // Connection ids are for their owner: others learn that a user is online, and where, but not the ids.
        if (request.User is { } user) return PresenceView.Of(await context.Server.GetUserAsync(user), showConnectionIds: user == context.User);
        Names.ValidateRoom(request.Room);
        if (!chat.Value.MayUse(context.Identity, request.Room!)) throw Forbidden(NotAllowed(request.Room!));
        var members = await context.Server.GetRoomMembersAsync(context.Namespace, request.Room!);
        return new { room = members.Room, connections = members.Connections, users = members.Users };
    }

    /// <summary>
    /// <c>history {room, after?, limit?}</c> answers the room's kept messages after <c>after</c> (without it, the
    /// latest), for members of the room only: what a client missed, or what a new member wants to read back.
    /// </summary>
    public async Task<object> OnHistory(EventContext context, HistoryRequest request)
    {
        Names.ValidateRoom(request.Room);
        if (!context.Rooms.Contains(request.Room!))
            throw Forbidden($"Only members of the room '{request.Room}' may read its history; join it first.");
        return HistoryView.Of(await context.Server.GetRoomHistoryAsync(context.Namespace, request.Room!, request.After, request.Limit));
    }

    /// <summary>
    /// Every other event is relayed: to the room named by <c>room</c> in its first (object) argument,
    /// else to all connections of the user named by <c>to</c>, else to the connection <c>sid</c>, else
    /// to the whole namespace. The sender is left out unless <c>includeSelf</c> is true, and the object
    /// gains <c>from: {user, sid}</c>.
    /// </summary>
    public override async Task<object?> OnAny(EventContext context, string @event, JsonElement[] args)
    {
        var target = EmitTarget.Namespace;
        var includeSelf = false;
        // Binary arguments (Socket.IO attachments) stay binary for binary-capable receivers.
        var relayed = context.WithAttachments(args);
        if (args is [{ ValueKind: JsonValueKind.Object } first, ..])
        {
            var payload = JsonNode.Parse(first.GetRawText())!.AsObject();
            target = TargetOf(payload);
            includeSelf = payload["includeSelf"] is JsonValue flag && flag.TryGetValue<bool>(out var self) && self;
            payload["from"] = new JsonObject { ["user"] = context.User, ["sid"] = context.Sid };
            relayed[0] = payload;
        }
        Authorize(context, target);

        await context.EmitTo(target.Except(includeSelf ? null : context.Sid), @event, relayed);
        return new { ok = true, to = target.Kind.ToString().ToLowerInvariant() };
    }

    /// <summary>
    /// A relay into a protected room needs the room's claim, as joining it does; a direct message (to a user
    /// or a connection) needs a sender who proved who they are, whenever authentication is on.
    /// </summary>
    private void Authorize(EventContext context, EmitTarget target)
    {
        if (target.Kind == TargetKind.Room && target.Name is { } room && !chat.Value.MayUse(context.Identity, room))
            throw Forbidden(NotAllowed(room));
        if (target.Kind is TargetKind.User or TargetKind.Connection && auth.Value.RequiresAuthentication && !context.Identity.IsAuthenticated)
            throw Forbidden("Direct messages need an authenticated sender.");
    }

    private static string NotAllowed(string room) => $"The room '{room}' needs a claim this user does not have.";

    private static ClientInputException Forbidden(string message) => new(ClientError.Forbidden, message);

    private static EmitTarget TargetOf(JsonObject payload) =>
        Text(payload, "room") is { } room ? EmitTarget.Room(room)
        : Text(payload, "to") is { } user ? EmitTarget.User(user)
        : Text(payload, "sid") is { } sid ? EmitTarget.Connection(sid)
        : EmitTarget.Namespace;

    private static string? Text(JsonObject payload, string name) =>
        payload[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>The argument of <c>presence</c>: a room, or a user.</summary>
public sealed record PresenceRequest(string? Room, string? User);
