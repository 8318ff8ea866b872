using System.Net.WebSockets;
using System.Text.Json;
using ActorChat.WebFront.Realtime;
using Microsoft.Extensions.Options;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Admission;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>
/// <c>/ws</c> and <c>/ws/{name}</c>: raw WebSocket clients of a namespace, one JSON envelope per text
/// frame (docs/protocol.md).
/// </summary>
public sealed class WebSocketEventEndpoint(
    ConnectionAdmission admission,
    EventPipeline pipeline,
    EnvelopeEncoder encoder,
    IOptions<RealtimeOptions> options,
    ILogger<WebSocketEventEndpoint> logger)
{
    public const string Transport = "websocket";

    public async Task<IResult> HandleAsync(HttpContext http, string @namespace)
    {
        if (!http.WebSockets.IsWebSocketRequest) return WebSocketAccept.NotAWebSocket();
        // Origin, namespace and identity are settled before the upgrade: a refused client gets an HTTP status.
        var admitted = await admission.AdmitAsync(ConnectionRequest.From(http, @namespace, Transport));
        if (!admitted.Admitted) return admitted.Refusal.ToHttpResult();

        using var socket = await http.WebSockets.AcceptWebSocketAsync(WebSocketAccept.ContextFor(http));
        var connection = new WebSocketEventConnection(socket, admitted.Ticket.Connection, encoder, options.Value.SendQueueLimit, http.RequestAborted);
        // The client hears its id only once it is registered, so anything it does next can reach it.
        if (await admission.ConnectAsync(admitted.Ticket, connection, () => EventPayload.AnnounceConnected(connection)) is { } refusal)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, WebSocketEventConnection.CloseReason(refusal.Reason), http.RequestAborted);
            return Results.Empty;
        }

        try
        {
            await ReceiveAsync(socket, connection, http.RequestAborted);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake: the cleanup below is all there is to do.
        }
        finally
        {
            await pipeline.DisconnectAsync(connection);
            await connection.FinishAsync();
        }
        return Results.Empty;
    }

    private async Task ReceiveAsync(WebSocket socket, WebSocketEventConnection connection, CancellationToken cancel)
    {
        var limit = options.Value.MaxMessageBytes;
        using var reader = new MessageReader(socket, limit);
        while (true)
        {
            switch (await reader.ReadAsync(cancel))
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
