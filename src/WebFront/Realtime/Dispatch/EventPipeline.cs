using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.Extensions.Options;
using ActorChat.WebFront.Realtime.Cluster;
using ActorChat.WebFront.Realtime.Recovery;

namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>
/// Sends the arguments of an ack back to the client, in the transport's own form. <paramref name="attachments"/>
/// is null unless the connection <see cref="IRealtimeConnection.SupportsBinary"/> and the answer has binary arguments.
/// </summary>
public delegate ValueTask AckResponder(byte[] argsJson, byte[][]? attachments);

/// <summary>
/// The one path every transport's connections take: register with the cluster, run the namespace's
/// handlers for each event, and leave everything cleanly on close. Transports only turn frames into
/// calls of this class and events into frames.
/// </summary>
public sealed class EventPipeline(
    NamespaceRegistry namespaces,
    LocalConnections local,
    ConnectionRegistry registry,
    IRealtimeServer server,
    Sessions sessions,
    IOptions<LimitsOptions> limits,
    ILogger<EventPipeline> logger)
{
    public bool HasNamespace(string @namespace) => namespaces.Contains(@namespace);

    /// <summary>
    /// Registers an admitted connection with its user and namespace grains, then tells the client its id in
    /// the transport's own form (<paramref name="announce"/>), then runs the namespace's connect handler.
    /// A client that has heard its id is registered, so a push to it or to its user already reaches it.
    /// Transports get here only through <see cref="Admission.ConnectionAdmission"/>.
    /// </summary>
    internal async Task ConnectAsync(IRealtimeConnection connection, UserIdentity identity, Func<Task> announce)
    {
        var info = connection.Info;
        local.Add(connection, identity);
        try
        {
            await registry.AddAsync(info);
        }
        catch (Exception ex) when (ClusterFailure.Is(ex))
        {
            logger.LogWarning("Connection {Sid} refused: the cluster did not register it ({Problem})", info.Sid, ex.Message);
            await registry.RemoveAsync(info, local.Remove(info.Sid));
            throw new ConnectionRefusedException(ConnectionRefusal.Unavailable("The cluster is not reachable right now; try again shortly."));
        }
        logger.LogDebug("Connection {Sid} of {User} opened in {Namespace} over {Transport}", info.Sid, info.User, info.Namespace, info.Transport);
        await announce();
        await RunAsync(connection, "connect", null, identity, ctx => namespaces.HandlerOf(info.Namespace).OnConnect(ctx));
    }

    /// <summary>
    /// Handles one event from a client; every failure becomes an <c>error</c> event for that client only.
    /// Binary arguments come as <paramref name="attachments"/>, referred to from <paramref name="args"/> by placeholders.
    /// </summary>
    public Task DispatchAsync(IRealtimeConnection connection, string @event, JsonElement[] args, AckResponder? ack,
        IReadOnlyList<byte[]>? attachments = null)
    {
        switch (local.SpendEvent(connection.Info.Sid))
        {
            case BudgetVerdict.Limited:
                connection.Send(new PreparedEvent(EventPayload.Error(ClientError.RateLimited,
                    $"Too many events: at most {limits.Value.EventsPerSecond} a second ({limits.Value.EventBurst} at once) are handled; this one was not.")));
                return Task.CompletedTask;
            case BudgetVerdict.Abusive:
                logger.LogInformation("Connection {Sid} of {User} kept sending over its event budget and is closed", connection.Info.Sid, connection.Info.User);
                ConnectionRefusal.RateLimited().Disconnect(connection);
                return Task.CompletedTask;
        }
        return RunAsync(connection, @event, attachments, local.IdentityOf(connection.Info.Sid), async ctx =>
        {
            FrontMetrics.EventsReceived.Add(1);
            Names.ValidateEvent(@event);
            if (Names.ReservedForServer.Contains(@event) || HandlerMap.IsHookName(@event))
                throw new ClientInputException(ClientError.ReservedEvent, $"The event name '{@event}' is reserved for the server.");
            // An unnamed send carrying an object is the event 'json' (Flask-SocketIO's convention).
            var name = @event == EventContext.MessageEvent && args is [{ ValueKind: JsonValueKind.Object or JsonValueKind.Array }]
                ? EventContext.JsonEvent
                : @event;
            var result = await namespaces.InvokeAsync(ctx, name, args);
            if (ack is null) return;
            var (json, binary) = EventPayload.Serialize(AckArgs(result));
            if (connection.SupportsBinary) await ack(json, binary);
            else await ack(EventPayload.InlineAttachments(json, binary), null);
        });
    }

    /// <summary>
    /// Takes a closed connection out of its rooms, user and namespace, then runs the disconnect handler. A connection
    /// with a session that dropped (<paramref name="resumable"/>: not closed on purpose) keeps its session for the
    /// session window and stays in its rooms for the presence grace.
    /// </summary>
    public async Task DisconnectAsync(IRealtimeConnection connection, bool resumable = false)
    {
        var info = connection.Info;
        var identity = local.IdentityOf(info.Sid);
        var session = local.SessionOf(info.Sid);
        var positions = session is null ? [] : local.PositionsOf(info.Sid);
        var rooms = local.Remove(info.Sid);
        var grace = session is null ? TimeSpan.Zero : await sessions.CloseAsync(info, session, positions, resumable);
        await registry.RemoveAsync(info, rooms, grace);
        logger.LogDebug("Connection {Sid} of {User} closed", info.Sid, info.User);
        await RunAsync(connection, "disconnect", null, identity, ctx => namespaces.HandlerOf(info.Namespace).OnDisconnect(ctx));
    }

    private static IReadOnlyList<object?> AckArgs(object? result) => result switch
    {
        null => [],
        Ack ack => ack.Args,
        _ => [result],
    };

    private async Task RunAsync(IRealtimeConnection connection, string @event, IReadOnlyList<byte[]>? attachments, UserIdentity? identity,
        Func<EventContext, Task> handler)
    {
        try
        {
            await handler(new EventContext(connection, server, local, attachments, identity, namespaces.HandlerOf(connection.Info.Namespace)));
        }
        catch (ClientInputException ex)
        {
            // The client's mistake, told to the client: one line for whoever debugs it, never an error with a stack.
            logger.LogDebug("{Transport} client {Sid} sent {Event} in {Namespace}: {Code}, {Problem}",
                connection.Info.Transport, connection.Info.Sid, Names.Printable(@event), connection.Info.Namespace, ex.Code, ex.Message);
            var details = new Dictionary<string, object?>(ex.Details) { ["event"] = Names.Printable(@event) };
            connection.Send(new PreparedEvent(EventPayload.Error(ex.Code, ex.Message, details)));
        }
        catch (Exception ex) when (ClusterFailure.Is(ex))
        {
            // Not the handler's fault and not the client's: the cluster is moving (a silo failed). Say so; never drop silently.
            logger.LogWarning("Event {Event} from {Sid} failed in the cluster: {Problem}", @event, connection.Info.Sid, ex.Message);
            connection.Send(new PreparedEvent(EventPayload.Error(ClientError.Unavailable,
                $"The cluster could not complete '{Names.Printable(@event)}' just now; it may not have reached everyone. Try again.",
                new Dictionary<string, object?> { ["event"] = Names.Printable(@event) })));
        }
        catch (Exception ex)
        {
            var correlationId = Guid.NewGuid().ToString("N");
            logger.LogError(ex, "Handler for {Event} in {Namespace} failed for {Sid}; correlation id {CorrelationId}",
                @event, connection.Info.Namespace, connection.Info.Sid, correlationId);
            var printable = Names.Printable(@event);
            connection.Send(new PreparedEvent(EventPayload.Error(ClientError.HandlerError,
                $"The handler for '{printable}' failed. The server log has the details under correlation id {correlationId}.",
                new Dictionary<string, object?> { ["event"] = printable, ["correlationId"] = correlationId })));
        }
    }
}
