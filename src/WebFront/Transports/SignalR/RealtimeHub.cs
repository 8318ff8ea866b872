using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Cluster;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>
/// <c>/hubs/chat</c>: SignalR clients of a namespace (query parameter <c>namespace</c>, default <c>/</c>).
/// Hub methods turn calls into events; the server calls client methods named after events.
/// </summary>
public sealed class RealtimeHub(
    EventPipeline pipeline,
    IUserIdentityResolver identity,
    FrontIdentity front,
    IHubContext<RealtimeHub> hubContext,
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
        pipeline.DispatchAsync(Connection, EventContext.MessageEvent, [PlainValues.ToJson(data)], ack: null);

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext()!;
        var @namespace = NamespaceOf(http);
        // The namespace and user were checked before the handshake (SignalRNamespaceGate); this is a second line.
        var user = await identity.ResolveAsync(http) ?? throw new HubException("Invalid user id.");
        if (!pipeline.HasNamespace(@namespace)) throw new HubException($"Unknown namespace '{@namespace}'.");

        var info = new ClientConnection(Sid.New(front.FrontId), @namespace, user, Transport, front.FrontId);
        var connection = new SignalRConnection(Context.ConnectionId, info, hubContext, encoder, Context, options.Value.SendQueueLimit);
        try
        {
            // The client hears its id only once it is registered, so anything it does next can reach it.
            await pipeline.ConnectAsync(connection, () => EventPayload.AnnounceConnected(connection));
        }
        catch (ConnectionRefusedException ex)
        {
            // A HubException's message reaches the client in the close message, even without detailed errors.
            throw new HubException(ex.Message);
        }
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

    private SignalRConnection Connection => (SignalRConnection)Context.Items[ConnectionKey]!;

    private static JsonElement[] ToJson(object?[]? args) => (args ?? []).Select(PlainValues.ToJson).ToArray();
}
