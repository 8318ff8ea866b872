using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Recovery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Transports.ServerSentEvents;

/// <summary>
/// <c>GET /sse</c> and <c>GET /sse/{name}</c>: a connection of namespace <c>/</c> or <c>/{name}</c> that only
/// receives, as a <c>text/event-stream</c>. The user and the rooms to join come from the query
/// (<c>?user=alice&amp;rooms=a,b</c>). A refused client gets an HTTP status and <c>{"error", "code"}</c>
/// before the stream starts. Every stream has a session: <c>EventSource</c> reconnects with the last event id,
/// which names it, and gets its rooms and the room messages it missed (docs/protocol.md, "Reconnecting").
/// </summary>
public sealed class ServerSentEventsEndpoint(
    ConnectionAdmission admission,
    EventPipeline pipeline,
    Sessions sessions,
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
        var (presented, offsets) = ServerSentEventId.Parse(http.Request.Headers[ServerSentEventId.Header].ToString());
        var admitted = await admission.AdmitAsync(ConnectionRequest.From(http, @namespace, Transport) with { Session = new SessionRequest(presented) });
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
        SessionStart? started = null;
        // Nothing is written before the announce step, so a namespace's refusal still gets its HTTP status.
        if (await admission.ConnectAsync(admitted.Ticket, connection, session =>
            {
                started = session!;
                connection.StartSession(started.Token);
                return EventPayload.AnnounceConnected(connection, started);
            }) is { } refusal)
        {
            await refusal.ToHttpResult().ExecuteAsync(http);
            return;
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, connection.Closed);
        try
        {
            await ResumeAsync(connection, started!, offsets);
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
            await pipeline.DisconnectAsync(connection, connection.Resumable);
            await connection.FinishAsync();
        }
    }

    /// <summary>
    /// A stream that named a session takes up its rooms and gets what it missed, then <c>resumed {recovered, missed}</c>;
    /// one whose session cannot be resumed hears why (<c>session_unknown</c>) and carries on as a new one.
    /// </summary>
    private async Task ResumeAsync(ServerSentEventsConnection connection, SessionStart session, IReadOnlyDictionary<string, long>? offsets)
    {
        if (session.Problem is { } problem)
            connection.Send(new PreparedEvent(EventPayload.Error(ClientError.SessionUnknown, problem)));
        if (session.Rooms is { } resumed) connection.Send((await sessions.RestoreAsync(connection, resumed, offsets)).ToEvent());
        else if (session.Problem is not null) connection.Send(ResumeResult.Nothing.ToEvent());
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
