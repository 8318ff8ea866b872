using System.Text.Json;
using ActorChat.WebFront.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Recovery;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>
/// <c>/hubs/chat</c>: SignalR clients of a namespace (query parameter <c>namespace</c>, default <c>/</c>).
/// Hub methods turn calls into events; the server calls client methods named after events.
/// </summary>
public sealed class RealtimeHub(
    ConnectionAdmission admission,
    EventPipeline pipeline,
    Sessions sessions,
    IHubContext<RealtimeHub> hubContext,
    SignalRLifetime lifetime,
    HubArgsEncoder encoder,
    IOptions<RealtimeOptions> options) : Hub
{
    public const string Transport = "signalr";
    public const string NamespaceQuery = "namespace";
    private const string ConnectionKey = "actorchat.connection";
    private const string CloseWatchKey = "actorchat.close-watch";

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

    /// <summary>
    /// Takes up a dropped connection's session (the <c>session</c> of its <c>connect</c> event) on this connection:
    /// its rooms come back and the room messages it missed arrive, in order, before any new one. <paramref name="offsets"/>
    /// (room → last offset seen) may be empty: the server knows what it delivered. A token that resumes nothing gets an
    /// <c>error</c> event (<c>session_unknown</c>) and <c>{recovered: false, missed: 0}</c>; the connection stays as it was.
    /// </summary>
    public async Task<ResumeAnswer> Resume(string? session, Dictionary<string, long>? offsets)
    {
        try
        {
            if (offsets?.Values.Any(o => o < 0) == true)
                throw new ClientInputException(ClientError.BadArgument, "Offsets are whole numbers of 0 or more; nothing was resumed.");
            var result = await sessions.TakeOverAsync(Connection, session, offsets);
            return new ResumeAnswer(result.Recovered, result.Missed);
        }
        catch (ClientInputException ex)
        {
            Connection.Send(new PreparedEvent(EventPayload.Error(ex.Code, ex.Message, new Dictionary<string, object?> { ["event"] = "Resume" })));
            return new ResumeAnswer(false, 0);
        }
    }

    public override async Task OnConnectedAsync()
    {
        // The gate admitted this request before the handshake (SignalRNamespaceGate); this admission issues the ticket.
        // A new connection always starts a session; a client takes up an old one with Resume.
        var admitted = await admission.AdmitAsync(RequestOf(Context.GetHttpContext()!) with { Session = new SessionRequest(Presented: null) });
        // A HubException's message reaches the client in the close message, even without detailed errors.
        if (!admitted.Admitted) throw new HubException(admitted.Refusal.Reason);

        var connection = new SignalRConnection(Context.ConnectionId, admitted.Ticket.Connection, hubContext, encoder, Context, lifetime, options.Value.SendQueueLimit);
        // The client hears its id only once it is registered, so anything it does next can reach it.
        if (await admission.ConnectAsync(admitted.Ticket, connection, session => EventPayload.AnnounceConnected(connection, session)) is { } refusal)
            throw new HubException(refusal.Reason);
        // Only a registered connection is cleaned up on disconnect; hub methods run only after this returns.
        Context.Items[ConnectionKey] = connection;
        Context.Items[CloseWatchKey] = SocketCloseWatch.Of(Context.GetHttpContext());
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items[ConnectionKey] is not SignalRConnection connection) return;
        // A connection the network cut keeps its session for a Resume; one its client stopped does not.
        var cut = Context.Items.TryGetValue(CloseWatchKey, out var watch) && watch is SocketCloseWatch { WasCut: true };
        await pipeline.DisconnectAsync(connection, resumable: exception is not null || cut);
        await connection.FinishAsync();
    }

    public static string NamespaceOf(HttpContext http) =>
        http.Request.Query.TryGetValue(NamespaceQuery, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : "/";

    /// <summary>What admission sees of a hub request: the namespace is the query parameter <c>namespace</c>.</summary>
    public static ConnectionRequest RequestOf(HttpContext http) => ConnectionRequest.From(http, NamespaceOf(http), Transport);

    private SignalRConnection Connection => (SignalRConnection)Context.Items[ConnectionKey]!;

    private static JsonElement[] ToJson(object?[]? args) => HubArguments.Read(args);
}
