namespace ActorChat.Grains.Publishing;

/// <summary>
/// A grain's state writes, one at a time and shared: a caller that asks for a write while one is in flight waits
/// for the next one, which carries every change made until it starts. Under load, a reentrant grain that changes
/// its state in many interleaved calls (the catalog allocating ids) pays for one write per round, not one per
/// call, and two writes never overlap (they would carry the same etag). Each caller is answered once a write
/// that includes its change has been stored. Lives in the grain's context: no locks.
/// </summary>
internal sealed class CoalescedWrites(Func<Task> write)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    /// <summary>Completes when a write begun after this call has been stored (or fails with that write).</summary>
    public Task WriteAsync()
    {
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stored = _next.Task;
        if (!_writing) _ = PumpAsync();
        return stored;
    }

    private async Task PumpAsync()
    {
        _writing = true;
        while (_next is { } round)
        {
            // Changes made from here on belong to the next round.
            _next = null;
            try
            {
                await write();
                round.SetResult();
            }
            catch (Exception failure)
            {
                round.SetException(failure);
            }
        }
        _writing = false;
    }
}
