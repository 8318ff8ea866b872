using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChat.Realtime;
using ActorChat.WebFront.GraphQL.Execution;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Dispatch;
using GraphQL;

namespace ActorChat.WebFront.GraphQL.EventModel;

/// <summary>
/// The <c>emit</c> mutation: the GraphQL client sends an event into a room as a client of the namespace would.
/// For the one request it is a connection of the event model (admitted, registered, then closed), and the event
/// goes through the namespace's handler like any client's: in the chat namespaces the relay sends it to the room
/// named in its argument, with <c>from: {user, sid}</c> added, to every transport's clients there.
/// </summary>
public sealed class RoomEmitter(ConnectionAdmission admission, EventPipeline pipeline)
{
    /// <param name="args">A JSON object (or null): the event's one argument, to which <c>room</c> is added.</param>
    /// <returns>The handler's answer (what an ack would carry), as a JSON list.</returns>
    public async Task<JsonElement> EmitAsync(RequestOrigin origin, string @namespace, string room, string @event, JsonNode? args)
    {
        if (args is not (null or JsonObject))
            throw new ExecutionError("'args' must be a JSON object: the event's one argument, to which 'room' is added.") { Code = "BAD_ARGUMENT" };
        var argument = (JsonObject?)args?.DeepClone() ?? [];
        argument["room"] = room;

        var admitted = await admission.AdmitAsync(origin.For(@namespace));
        if (!admitted.Admitted) throw RoomListeners.Refused(admitted.Refusal);
        var sender = new SendingConnection(admitted.Ticket.Connection);
        if (await admission.ConnectAsync(admitted.Ticket, sender, _ => Task.CompletedTask) is { } refusal) throw RoomListeners.Refused(refusal);
        try
        {
            JsonElement answer = default;
            await pipeline.DispatchAsync(sender, @event, [JsonSerializer.SerializeToElement(argument)], (json, _) =>
            {
                answer = JsonSerializer.Deserialize<JsonElement>(json);
                return ValueTask.CompletedTask;
            });
            if (sender.Error is { } error)
                throw new ExecutionError(error.GetProperty("message").GetString() ?? "The event was refused.")
                    { Code = (error.GetProperty("code").GetString() ?? "refused").ToUpperInvariant() };
            return answer;
        }
        finally
        {
            await pipeline.DisconnectAsync(sender);
        }
    }

    /// <summary>The emitting request's connection: it sends one event and keeps the error, if one comes back.</summary>
    private sealed class SendingConnection(ClientConnection info) : IRealtimeConnection
    {
        public ClientConnection Info { get; } = info;

        public JsonElement? Error { get; private set; }

        public void Send(PreparedEvent @event)
        {
            if (@event.Event.Name == ClientError.EventName && Error is null)
                Error = JsonSerializer.Deserialize<JsonElement[]>(@event.Event.ArgsJson) is [var payload, ..] ? payload : null;
        }

        public void Close(string reason) { }
    }
}
