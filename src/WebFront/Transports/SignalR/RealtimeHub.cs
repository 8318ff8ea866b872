using System.Text.Json;
using ActorChat.WebFront.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Admission;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>
/// <c>/hubs/chat</c>: SignalR clients of a namespace (query parameter <c>namespace</c>, default <c>/</c>).
/// Hub methods turn calls into events; the server calls client methods named after events.
/// </summary>
public sealed class RealtimeHub(
    ConnectionAdmission admission,
    EventPipeline pipeline,
    IHubContext<RealtimeHub> hubContext,
    SignalRLifetime lifetime,
    HubArgsEncoder encoder,
    IOptions<RealtimeOptions> options) : Hub
{
    public const string Transport = "signalr";
    public const string NamespaceQuery = "namespace";
    private const string ConnectionKey = "actorchat.connection";

    /// <summary>Emits a named event with any number of arguments.</summary>
    public Task Emit(string @event, object?[] args) =>
        pipeline.DispatchAsync(Connection, @event, ToJson(args), ack: null);

    /// <summary>Emits a named event and returns the arguments the server acknowledges it with.</summary>
    public async Task<object?[]> EmitWithAck(string @event, object?[] args)
    {
        object?[]? answer = null;
        await pipeline.DispatchAsync(Connection, @event, ToJson(args), (argsJson, _) =>
        {
            answer = HubArgsEncoder.Decode(argsJson);
            return ValueTask.CompletedTask;
        });
        // No ack means the event failed; the 'error' event the client also got says why.
        return answer ?? throw new HubException($"The event '{@event}' was not acknowledged; see the 'error' event for why.");
    }

    /// <summary>Sends an unnamed message: the event <c>message</c> (or <c>json</c> for an object).</summary>
    public Task Send(object? data) =>
        pipeline.DispatchAsync(Connection, EventContext.MessageEvent, HubArguments.Read([data]), ack: null);

    public override async Task OnConnectedAsync()
    {
        // The gate admitted this request before the handshake (SignalRNamespaceGate); this admission issues the ticket.
        var admitted = await admission.AdmitAsync(RequestOf(Context.GetHttpContext()!));
        // A HubException's message reaches the client in the close message, even without detailed errors.
        if (!admitted.Admitted) throw new HubException(admitted.Refusal.Reason);

        var connection = new SignalRConnection(Context.ConnectionId, admitted.Ticket.Connection, hubContext, encoder, Context, lifetime, options.Value.SendQueueLimit);
        // The client hears its id only once it is registered, so anything it does next can reach it.
        if (await admission.ConnectAsync(admitted.Ticket, connection, () => EventPayload.AnnounceConnected(connection)) is { } refusal)
            throw new HubException(refusal.Reason);
        // Only a registered connection is cleaned up on disconnect; hub methods run only after this returns.
        Context.Items[ConnectionKey] = connection;
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items[ConnectionKey] is not SignalRConnection connection) return;
        await pipeline.DisconnectAsync(connection);
        await connection.FinishAsync();
    }

    public static string NamespaceOf(HttpContext http) =>
        http.Request.Query.TryGetValue(NamespaceQuery, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : "/";

    /// <summary>What admission sees of a hub request: the namespace is the query parameter <c>namespace</c>.</summary>
    public static ConnectionRequest RequestOf(HttpContext http) => ConnectionRequest.From(http, NamespaceOf(http), Transport);

    private SignalRConnection Connection => (SignalRConnection)Context.Items[ConnectionKey]!;

    private static JsonElement[] ToJson(object?[]? args) => HubArguments.Read(args);
}
