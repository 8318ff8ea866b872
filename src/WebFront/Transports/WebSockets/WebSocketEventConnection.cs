using System.Net.WebSockets;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>A raw WebSocket client speaking the JSON envelope, as the pipeline sees it.</summary>
public sealed class WebSocketEventConnection : IRealtimeConnection
{
    private readonly WebSocket _socket;
    private readonly EnvelopeEncoder _encoder;
    private readonly Outbox<Frame> _outbox;

    public WebSocketEventConnection(WebSocket socket, ClientConnection info, EnvelopeEncoder encoder, int queueLimit, CancellationToken aborted)
    {
        _socket = socket;
        _encoder = encoder;
        Info = info;
        _outbox = new Outbox<Frame>(queueLimit, frame => WriteAsync(frame, aborted));
    }

    public ClientConnection Info { get; }

    /// <summary>
    /// False once the connection was closed with a close frame (by either side) or dropped for not reading: only a
    /// connection the network cut, or one a draining front sent elsewhere, keeps its session for a resume.
    /// </summary>
    public bool Resumable { get; private set; } = true;

    public void Send(PreparedEvent @event) => Enqueue(Frame.Data(@event.Frame(_encoder)));

    public void SendAck(long ackId, byte[] argsJson) => Enqueue(Frame.Data(EnvelopeEncoder.EncodeAck(ackId, argsJson)));

    public void Close(string reason) => Close(WebSocketCloseStatus.EndpointUnavailable, reason);

    public void Close(ConnectionRefusal refusal) => Close(WebSocketCloseStatus.PolicyViolation, CloseReason(refusal.Reason));

    /// <summary>1012 (service restart): the client should reconnect, and lands on another front.</summary>
    public void Drain(string reason) => Close(ServiceRestart, reason);

    private const WebSocketCloseStatus ServiceRestart = (WebSocketCloseStatus)1012;

    public void Close(WebSocketCloseStatus status, string reason)
    {
        // Closed once: a second reason (another flooded frame, the shutdown) changes nothing.
        if (_outbox.IsCompleted) return;
        Resumable = status == ServiceRestart;
        if (!_outbox.TryEnqueue(Frame.Closing(status, reason))) _socket.Abort();
        _outbox.Complete();
        _ = AbortUnlessClosedAsync();
    }

    /// <summary>A close frame's reason holds at most 123 bytes of UTF-8.</summary>
    public static string CloseReason(string message)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(message) <= 123) return message;
        while (System.Text.Encoding.UTF8.GetByteCount(message) > 120) message = message[..^1];
        return message + "…";
    }

    /// <summary>How long a client gets to answer the server's close frame before the socket is dropped.</summary>
    public static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private async Task AbortUnlessClosedAsync()
    {
        // A client that never answers the close frame must not hold the connection (or a shutdown) open.
        await Task.Delay(CloseHandshakeTimeout).ConfigureAwait(false);
        if (_socket.State != WebSocketState.Closed) _socket.Abort();
    }

    /// <summary>Accepts no more frames; the task completes once what is queued has gone out.</summary>
    public Task FinishAsync()
    {
        _outbox.Complete();
        return _outbox.Finished;
    }

    private async ValueTask WriteAsync(Frame frame, CancellationToken aborted)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        if (frame.CloseStatus is { } status)
            await _socket.CloseOutputAsync(status, frame.CloseReason, aborted);
        else
            await _socket.SendAsync(frame.Payload, WebSocketMessageType.Text, endOfMessage: true, aborted);
    }

    private void Enqueue(Frame frame)
    {
        // A full queue means the client is not reading: drop it instead of buffering without bound.
        // After a close nothing more goes out, and that is no reason to drop the close handshake.
        if (_outbox.TryEnqueue(frame) || _outbox.IsCompleted) return;
        Resumable = false;
        _socket.Abort();
    }

    private readonly record struct Frame(ReadOnlyMemory<byte> Payload, WebSocketCloseStatus? CloseStatus, string? CloseReason)
    {
        public static Frame Data(byte[] payload) => new(payload, null, null);

        public static Frame Closing(WebSocketCloseStatus status, string reason) => new(default, status, reason);
    }
}
