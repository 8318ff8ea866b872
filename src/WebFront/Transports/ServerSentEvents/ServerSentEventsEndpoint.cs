using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Dispatch;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Transports.ServerSentEvents;

/// <summary>
/// <c>GET /sse</c> and <c>GET /sse/{name}</c>: a connection of namespace <c>/</c> or <c>/{name}</c> that only
/// receives, as a <c>text/event-stream</c>. The user and the rooms to join come from the query
/// (<c>?user=alice&amp;rooms=a,b</c>). A refused client gets an HTTP status and <c>{"error", "code"}</c>
/// before the stream starts.
/// </summary>
public sealed class ServerSentEventsEndpoint(
    ConnectionAdmission admission,
    EventPipeline pipeline,
    IRealtimeServer server,
    ServerSentEventEncoder encoder,
    IOptions<ServerSentEventsOptions> options,
    IOptions<RealtimeOptions> realtime)
{
    public const string Transport = "sse";
    public const string RoomsQuery = "rooms";

    public async Task HandleAsync(HttpContext http, string @namespace)
    {
        if (RoomsOf(http.Request.Query) is not { } rooms)
        {
            await InvalidRooms().ToHttpResult().ExecuteAsync(http);
            return;
        }
        var admitted = await admission.AdmitAsync(ConnectionRequest.From(http, @namespace, Transport));
        if (!admitted.Admitted)
        {
            await admitted.Refusal.ToHttpResult().ExecuteAsync(http);
            return;
        }

        var connection = new ServerSentEventsConnection(http, admitted.Ticket.Connection, encoder, realtime.Value.SendQueueLimit);
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        // Proxies such as nginx would otherwise hold events back to fill their buffers.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // Nothing is written before the announce step, so a namespace's refusal still gets its HTTP status.
        if (await admission.ConnectAsync(admitted.Ticket, connection, session => EventPayload.AnnounceConnected(connection, session)) is { } refusal)
        {
            await refusal.ToHttpResult().ExecuteAsync(http);
            return;
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, connection.Closed);
        try
        {
            foreach (var room in rooms) await server.JoinRoomAsync(connection.Info.Sid, room);
            using var heartbeat = new PeriodicTimer(options.Value.HeartbeatInterval);
            while (await heartbeat.WaitForNextTickAsync(ended.Token)) connection.SendHeartbeat();
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server ended the stream: the cleanup below is all there is to do.
        }
        finally
        {
            await pipeline.DisconnectAsync(connection);
            await connection.FinishAsync();
        }
    }

    /// <summary>The distinct rooms of <c>rooms=a,b</c> (the parameter may also repeat), or null when one is not a valid name or there are too many.</summary>
    private string[]? RoomsOf(IQueryCollection query)
    {
        var rooms = query[RoomsQuery].SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToArray();
        return rooms.Length <= options.Value.MaxRooms && rooms.All(Names.IsValid) ? rooms : null;
    }

    private ConnectionRefusal InvalidRooms() => new(ClientError.InvalidRoomName,
        $"'{RoomsQuery}' must list at most {options.Value.MaxRooms} room names, separated by commas, each 1 to {Names.MaxLength} characters with no control characters.",
        StatusCodes.Status400BadRequest);
}
