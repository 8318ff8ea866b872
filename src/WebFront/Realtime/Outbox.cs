using System.Threading.Channels;

namespace ActorChat.WebFront.Realtime;

/// <summary>
/// A connection's queue of outgoing frames and the one loop that writes them, so frames go out in
/// order and never two at once. A client that lets the queue fill up is too slow and is dropped,
/// rather than letting its backlog grow without bound.
/// </summary>
public sealed class Outbox<T>
{
    private readonly Channel<T> _queue;

    public Outbox(int limit) =>
        _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(limit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues a frame; false when the queue is full or closed.</summary>
    public bool TryEnqueue(T frame) => _queue.Writer.TryWrite(frame);

    /// <summary>No more frames will be queued; the loop ends once the queue is drained.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Writes every frame, in order, until the queue is completed or writing fails.</summary>
    public async Task RunAsync(Func<T, ValueTask> write, CancellationToken cancellationToken)
    {
        await foreach (var frame in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            await write(frame).ConfigureAwait(false);
    }
}
