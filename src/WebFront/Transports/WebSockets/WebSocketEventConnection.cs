using System.Net.WebSockets;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>A raw WebSocket client speaking the JSON envelope, as the pipeline sees it.</summary>
public sealed class WebSocketEventConnection(WebSocket socket, ClientConnection info, EnvelopeEncoder encoder, int queueLimit) : IRealtimeConnection
{
    private readonly Outbox<Frame> _outbox = new(queueLimit);

    public ClientConnection Info { get; } = info;

    public void Send(PreparedEvent @event) => Enqueue(Frame.Data(@event.Frame(encoder)));

    public void SendAck(long ackId, byte[] argsJson) => Enqueue(Frame.Data(EnvelopeEncoder.EncodeAck(ackId, argsJson)));

    public void Close(string reason) => Close(WebSocketCloseStatus.NormalClosure, reason);

    public void Close(WebSocketCloseStatus status, string reason)
    {
        if (!_outbox.TryEnqueue(Frame.Closing(status, reason))) socket.Abort();
        _outbox.Complete();
    }

    /// <summary>Writes queued frames until the connection closes.</summary>
    public Task RunWriterAsync(CancellationToken cancellationToken) => _outbox.RunAsync(async frame =>
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        if (frame.CloseStatus is { } status)
            await socket.CloseOutputAsync(status, frame.CloseReason, cancellationToken);
        else
            await socket.SendAsync(frame.Payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }, cancellationToken);

    /// <summary>Stops the writer once what is queued has gone out.</summary>
    public void CompleteWriter() => _outbox.Complete();

    private void Enqueue(Frame frame)
    {
        // A full queue means the client is not reading: drop it instead of buffering without bound.
        if (!_outbox.TryEnqueue(frame)) socket.Abort();
    }

    private readonly record struct Frame(ReadOnlyMemory<byte> Payload, WebSocketCloseStatus? CloseStatus, string? CloseReason)
    {
        public static Frame Data(byte[] payload) => new(payload, null, null);

        public static Frame Closing(WebSocketCloseStatus status, string reason) => new(default, status, reason);
    }
}
