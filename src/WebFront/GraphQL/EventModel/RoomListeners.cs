using ActorChat.WebFront.GraphQL.Execution;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Dispatch;
using GraphQL;

namespace ActorChat.WebFront.GraphQL.EventModel;

/// <summary>
/// Opens the event-model side of a subscription: the client is admitted to the namespace like any other (origin,
/// identity, the namespace's connecting hook), its receive-only connection is registered and joins the room through
/// the same room membership as every transport. A refusal is a GraphQL error with the refusal's code.
/// </summary>
public sealed class RoomListeners(
    ConnectionAdmission admission,
    EventPipeline pipeline,
    IRealtimeServer server,
    EventParser parser,
    ILogger<RoomListeners> logger)
{
    /// <param name="map">The value an event gives the subscription, or null to skip the event.</param>
    public async Task<IObservable<object?>> ListenAsync(RequestOrigin origin, string @namespace, string room, Func<ParsedEvent, object?> map)
    {
        var admitted = await admission.AdmitAsync(origin.For(@namespace));
        if (!admitted.Admitted) throw Refused(admitted.Refusal);
        var listener = new RoomListener(admitted.Ticket.Connection, map, parser, Close);
        if (await admission.ConnectAsync(admitted.Ticket, listener, _ => Task.CompletedTask) is { } refusal) throw Refused(refusal);
        origin.Track(listener);
        try
        {
            await server.JoinRoomAsync(listener.Info.Sid, room);
        }
        catch (ClientInputException e)
        {
            listener.Dispose();
            throw new ExecutionError(e.Message) { Code = e.Code.ToUpperInvariant() };
        }
        return listener;
    }

    /// <summary>A refusal of the event model as a GraphQL error: its reason, and its code in GraphQL's spelling.</summary>
    public static ExecutionError Refused(ConnectionRefusal refusal) => new(refusal.Reason) { Code = refusal.Code.ToUpperInvariant() };

    private void Close(RoomListener listener) => _ = DisconnectAsync(listener);

    private async Task DisconnectAsync(IRealtimeConnection connection)
    {
        try
        {
            await pipeline.DisconnectAsync(connection);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Closing the subscription connection {Sid} failed", connection.Info.Sid);
        }
    }
}
