namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>
/// A connection's outgoing frames, written one at a time and in order. The thread that queues a
/// frame into an idle outbox writes it at once, and keeps writing while writes complete
/// synchronously (the usual case: the socket's buffer has room), so delivering a broadcast to a
/// thousand local sockets costs no thread hop per socket. A client that lets <c>limit</c> frames
/// pile up is too slow; <see cref="TryEnqueue"/> then refuses, and the caller drops the client.
/// </summary>
public sealed class Outbox<T>(int limit, Func<T, ValueTask> write)
{
    private readonly Lock _lock = new();
    private readonly Queue<T> _queue = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _writing;
    private bool _completed;

    /// <summary>Completes when the outbox is completed and everything queued before has been written (or writing failed).</summary>
    public Task Finished => _finished.Task;

    /// <summary>True once <see cref="Complete"/> was called: frames queued now are dropped.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_lock) return _completed;
        }
    }

    /// <summary>Queues a frame; false when the outbox is full or completed.</summary>
    public bool TryEnqueue(T frame)
    {
        lock (_lock)
        {
            if (_completed || _queue.Count >= limit) return false;
            _queue.Enqueue(frame);
            if (_writing) return true;
            _writing = true;
        }
        _ = WriteQueuedAsync();
        return true;
    }

    /// <summary>No more frames will be queued; <see cref="Finished"/> completes once the queue is written.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            if (!_writing) _finished.TrySetResult();
        }
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            T frame;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out frame!))
                {
                    _writing = false;
                    if (_completed) _finished.TrySetResult();
                    return;
                }
            }

            try
            {
                await write(frame).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The connection is gone; its read side notices and cleans up. Nothing more can be written.
                lock (_lock)
                {
                    _completed = true;
                    _writing = false;
                    _queue.Clear();
                    _finished.TrySetResult();
                }
                return;
            }
        }
    }
}
