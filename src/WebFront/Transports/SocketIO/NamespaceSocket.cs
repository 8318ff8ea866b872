using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>
/// A Socket.IO socket: one namespace on one Engine.IO session, and one connection of the realtime
/// pipeline. Its events run one at a time, in the order the client sent them, off the session's
/// receive path, so a slow handler never delays pongs or the session's other namespaces.
/// </summary>
public sealed class NamespaceSocket : IRealtimeConnection
{
    private readonly EngineSession _session;
    private readonly SocketEventEncoder _encoder;
    private readonly Channel<Func<Task>> _work;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<AckReply>> _pendingAcks = new();
    private readonly ILogger _logger;
    private long _nextAckId;
    private int _closed;

    public NamespaceSocket(ClientConnection info, JsonElement auth, EngineSession session, SocketEventEncoder encoder, ILogger logger)
    {
        Info = info;
        Auth = auth;
        _session = session;
        _encoder = encoder;
        _logger = logger;
        _work = Channel.CreateBounded<Func<Task>>(new BoundedChannelOptions(session.Options.SendQueueLimit) { SingleReader = true });
        Completion = RunAsync();
    }

    public ClientConnection Info { get; }

    public JsonElement? Auth { get; }

    public bool SupportsBinary => true;

    /// <summary>Completes when the socket's last queued work (its disconnect) has run.</summary>
    public Task Completion { get; }

    /// <summary>Raised once, when the server closes this socket, so the session forgets it.</summary>
    public event Action<NamespaceSocket>? ClosedByServer;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public void Send(PreparedEvent @event)
    {
        if (!IsClosed) _session.Send(@event.Frame(_encoder));
    }

    public void SendFrames(EngineFrame[] frames)
    {
        if (!IsClosed) _session.Send(frames);
    }

    public async Task<AckReply> EmitWithAckAsync(OutboundEvent @event, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var id = Interlocked.Increment(ref _nextAckId);
        var reply = new TaskCompletionSource<AckReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingAcks[id] = reply;
        try
        {
            if (IsClosed) throw new InvalidOperationException($"The connection {Info.Sid} is closed.");
            _session.Send(SocketEncoder.Event(Info.Namespace, @event, id));
            return await reply.Task.WaitAsync(timeout, cancellation);
        }
        finally
        {
            _pendingAcks.TryRemove(id, out _);
        }
    }

    /// <summary>The client answered one of our emits with ack; an answer nobody waits for any more is dropped.</summary>
    public void CompleteAck(long id, JsonElement[] args, IReadOnlyList<byte[]> attachments)
    {
        if (_pendingAcks.TryRemove(id, out var reply)) reply.TrySetResult(new AckReply(args, attachments));
    }

    /// <summary>Queues work (an event, the connect, the disconnect); false when the client floods the queue.</summary>
    public bool Enqueue(Func<Task> work) => !IsClosed && _work.Writer.TryWrite(work);

    /// <summary>
    /// Closes the whole Engine.IO session without a DISCONNECT packet: socket.io-client takes that as a
    /// lost transport and reconnects (a DISCONNECT would tell it the server wants it gone).
    /// </summary>
    public void Drain(string reason) => _session.Close(reason);

    /// <summary>The server closes this namespace socket: the client hears DISCONNECT, the pipeline forgets it.</summary>
    public void Close(string reason)
    {
        if (IsClosed) return;
        _session.Send(SocketEncoder.Disconnect(Info.Namespace));
        _logger.LogDebug("Socket.IO socket {Sid} closed by the server: {Reason}", Info.Sid, reason);
        ClosedByServer?.Invoke(this);
    }

    /// <summary>Marks the socket closed and queues <paramref name="disconnect"/> as its last work.</summary>
    public void Finish(Func<Task> disconnect)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        foreach (var pending in _pendingAcks.Values)
            pending.TrySetException(new InvalidOperationException($"The connection {Info.Sid} closed before it answered."));
        // The disconnect must run even when the queue is full of a flood, so it waits for room.
        _ = Task.Run(async () =>
        {
            await _work.Writer.WriteAsync(disconnect);
            _work.Writer.TryComplete();
        });
    }

    private async Task RunAsync()
    {
        await Task.Yield();
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            try
            {
                await work();
            }
            catch (Exception ex)
            {
                // The pipeline turns handler failures into error events; what reaches here is infrastructure.
                _logger.LogError(ex, "Work for Socket.IO socket {Sid} failed", Info.Sid);
            }
        }
    }
}
