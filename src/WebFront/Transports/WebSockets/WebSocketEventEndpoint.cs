using System.Net.WebSockets;
using System.Text.Json;
using ActorChat.WebFront.Realtime;
using Microsoft.Extensions.Options;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Recovery;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>
/// <c>/ws</c> and <c>/ws/{name}</c>: raw WebSocket clients of a namespace, one JSON envelope per text
/// frame (docs/protocol.md). Every connection has a session; <c>?session=TOKEN</c> resumes one.
/// </summary>
public sealed class WebSocketEventEndpoint(
    ConnectionAdmission admission,
    EventPipeline pipeline,
    Sessions sessions,
    EnvelopeEncoder encoder,
    IOptions<RealtimeOptions> options,
    ILogger<WebSocketEventEndpoint> logger)
{
    public const string Transport = "websocket";

    /// <summary>The query parameter a reconnecting client names its session with.</summary>
    public const string SessionQuery = "session";

    /// <summary>How long a resumed connection waits for the client's <c>resume</c> event before it resumes from what the server delivered.</summary>
    public static readonly TimeSpan ResumeWait = TimeSpan.FromSeconds(1);

    public async Task<IResult> HandleAsync(HttpContext http, string @namespace)
    {
        if (!http.WebSockets.IsWebSocketRequest) return WebSocketAccept.NotAWebSocket();
        // Origin, namespace and identity are settled before the upgrade: a refused client gets an HTTP status.
        var request = ConnectionRequest.From(http, @namespace, Transport) with { Session = new SessionRequest(http.Request.Query.TryGetValue(SessionQuery, out var token) ? token.ToString() : null) };
        var admitted = await admission.AdmitAsync(request);
        if (!admitted.Admitted) return admitted.Refusal.ToHttpResult();

        using var socket = await http.WebSockets.AcceptWebSocketAsync(WebSocketAccept.ContextFor(http));
        var connection = new WebSocketEventConnection(socket, admitted.Ticket.Connection, encoder, options.Value.SendQueueLimit, http.RequestAborted);
        SessionStart? started = null;
        // The client hears its id only once it is registered, so anything it does next can reach it.
        if (await admission.ConnectAsync(admitted.Ticket, connection, opened =>
            {
                started = opened;
                return EventPayload.AnnounceConnected(connection, opened);
            }) is { } refusal)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, WebSocketEventConnection.CloseReason(refusal.Reason), http.RequestAborted);
            return Results.Empty;
        }
        var session = started!;
        if (session.Problem is { } problem) SendError(connection, ClientError.SessionUnknown, problem);

        try
        {
            await ReceiveAsync(socket, connection, session, http.RequestAborted);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake: the cleanup below is all there is to do.
        }
        finally
        {
            await pipeline.DisconnectAsync(connection, connection.Resumable);
            await connection.FinishAsync();
        }
        return Results.Empty;
    }

    /// <summary>Reads the client's frames until it closes; a resumed session first takes up its rooms.</summary>
    private async Task ReceiveAsync(WebSocket socket, WebSocketEventConnection connection, SessionStart session, CancellationToken cancel)
    {
        var limit = options.Value.MaxMessageBytes;
        using var reader = new MessageReader(socket, limit);
        var read = reader.ReadAsync(cancel);
        if (session.Rooms is { } rooms)
        {
            // A resumed session: the client may first name the offsets it saw last; it need not.
            await Task.WhenAny(read, Task.Delay(ResumeWait, cancel));
            var request = read.IsCompletedSuccessfully && read.Result == ReadOutcome.Text ? ResumeRequest.Read(reader.Message) : null;
            if (request?.Problem is { } problem) SendError(connection, ClientError.BadArgument, problem);
            connection.Send((await sessions.RestoreAsync(connection, rooms, request?.Offsets)).ToEvent());
            if (request is not null)
            {
                reader.Release();
                read = reader.ReadAsync(cancel);
            }
        }
        else if (session.Problem is not null)
        {
            connection.Send(ResumeResult.Nothing.ToEvent());
            // A client that presented a token may send its resume event first, as it is told to: the session_unknown
            // error already answered it, so it is taken without a second error (it is no event to dispatch).
            if (await read == ReadOutcome.Text && ResumeRequest.Read(reader.Message) is not null)
            {
                reader.Release();
                read = reader.ReadAsync(cancel);
            }
        }
        while (true)
        {
            switch (await read)
            {
                case ReadOutcome.Text:
                    await HandleFrameAsync(connection, reader.Message);
                    break;
                case ReadOutcome.Binary:
                    SendError(connection, ClientError.BadFrame, "Binary frames are not part of the envelope protocol; send JSON text frames.");
                    break;
                case ReadOutcome.TooBig:
                    connection.Close(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {limit} bytes.");
                    return;
                case ReadOutcome.Closed:
                    connection.Close(WebSocketCloseStatus.NormalClosure, "");
                    return;
            }
            reader.Release();
            read = reader.ReadAsync(cancel);
        }
    }

    private async Task HandleFrameAsync(WebSocketEventConnection connection, ReadOnlyMemory<byte> frame)
    {
        JsonDocument document;
        Envelope envelope;
        try
        {
            (document, envelope) = Envelope.Read(frame);
        }
        catch (ClientInputException ex)
        {
            SendError(connection, ex.Code, ex.Message);
            return;
        }

        using (document)
        {
            AckResponder? ack = envelope.Ack is { } id
                ? (args, _) => { connection.SendAck(id, args); return ValueTask.CompletedTask; }
                : null;
            await pipeline.DispatchAsync(connection, envelope.Event, envelope.Args, ack);
        }
    }

    private void SendError(IRealtimeConnection connection, string code, string message)
    {
        logger.LogDebug("WebSocket client {Sid} sent a bad frame: {Code}, {Problem}", connection.Info.Sid, code, message);
        connection.Send(new PreparedEvent(EventPayload.Error(code, message)));
    }
}
