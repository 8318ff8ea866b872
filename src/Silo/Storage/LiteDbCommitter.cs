using System.Collections.Concurrent;
using LiteDB;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace ActorChat.Silo.Storage;

/// <summary>
/// Group commit for the embedded store. Writes from every grain wait in one queue; one pass at a time takes all
/// that is queued, applies it in one LiteDB transaction, commits, and only then answers each writer. LiteDB's commit has
/// written the transaction's pages to its log file by the time it returns, so an answered write survives the
/// process being killed (it reaches the disk itself at the next checkpoint, or when the OS flushes). While one
/// transaction commits the next batch gathers, so the busier the store the more writes share a commit, and an
/// idle store commits a lone write at once, with no timer. A write whose etag is stale is refused on its own;
/// the others of its batch still commit.
/// </summary>
internal sealed class LiteDbCommitter
{
    // Bounds one transaction (and so the memory of its dirty pages); a busier queue just takes more commits.
    private const int MaxBatch = 512;

    private readonly LiteDatabase _database;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<StoreChange> _queue = new();
    // 1 while a thread-pool work item is draining the queue. Commits run there, not on a thread of their own that
    // would have to wait (and spin) for work: on a busy single core, waiting threads that spin cost as much as the
    // commits. A LiteDB transaction is bound to the thread that begins it, and each one begins and commits within
    // one synchronous pass, so any thread will do.
    private int _draining;

    public LiteDbCommitter(LiteDatabase database, ILogger logger)
    {
        _database = database;
        _logger = logger;
    }

    /// <summary>Queues a change; the task completes once the transaction holding it has committed.</summary>
    public Task Submit(StoreChange change)
    {
        _queue.Enqueue(change);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(static committer => committer.Drain(), this, preferLocal: false);
        return change.Committed;
    }

    /// <summary>Waits (a little) until every queued change is committed, before the database closes.</summary>
    public void WaitIdle(TimeSpan timeout) =>
        SpinWait.SpinUntil(() => Volatile.Read(ref _draining) == 0 && _queue.IsEmpty, timeout);

    private void Drain()
    {
        var batch = new List<StoreChange>(MaxBatch);
        while (true)
        {
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var change)) batch.Add(change);
            if (batch.Count == 0)
            {
                Volatile.Write(ref _draining, 0);
                // A change queued after the last look but before the flag dropped would wait for the next one.
                if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
                continue;
            }
            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<StoreChange> batch)
    {
        if (TryCommit(batch, out var failure)) return;
        // Something other than a stale etag failed the transaction (an oversized document, the disk): each change
        // gets a transaction of its own, so only the one at fault fails.
        if (batch.Count == 1) batch[0].Fail(failure!);
        else
            foreach (var change in batch)
                if (!TryCommit([change], out var own)) change.Fail(own!);
    }

    // Applies the changes in one transaction. True when it committed, and every change is answered; false when it
    // was rolled back, and none is.
    private bool TryCommit(IReadOnlyList<StoreChange> batch, out Exception? failure)
    {
        var refused = new Dictionary<StoreChange, InconsistentStateException>();
        try
        {
            _database.BeginTrans();
            foreach (var change in batch)
            {
                try
                {
                    change.Apply(_database);
                }
                catch (InconsistentStateException stale)
                {
                    refused[change] = stale;
                }
            }
            _database.Commit();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Embedded storage: a transaction of {Count} writes failed and was rolled back", batch.Count);
            try
            {
                _database.Rollback();
            }
            catch (Exception rollback)
            {
                _logger.LogError(rollback, "Embedded storage: the rollback failed too");
            }
            failure = e;
            return false;
        }
        foreach (var change in batch)
        {
            if (refused.TryGetValue(change, out var stale)) change.Fail(stale);
            else change.Succeed();
        }
        failure = null;
        return true;
    }
}
