using GraphQL.DataLoader;

namespace ActorChat.WebFront.GraphQL.DataLoading;

/// <summary>
/// Collects the keys that one level of a query asks for and fetches them in one call when the executor first
/// waits for any of them. GraphQL.NET resolves every field of a level before it awaits deferred results, so a
/// list of a hundred rows becomes one fetch. Lives for one request; a key asked twice is fetched once.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> _known = [];
    private List<TKey> _pending = [];

    public Deferred<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_known.TryGetValue(key, out var completion))
            {
                completion = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _known.Add(key, completion);
                _pending.Add(key);
            }
            return new Deferred<TValue?>(async cancellation =>
            {
                await DispatchAsync(cancellation);
                return await completion.Task;
            });
        }
    }

    /// <summary>Supplies a value fetched along with something else, so asking for it later costs no fetch.</summary>
    public void Prime(TKey key, TValue value)
    {
        lock (_gate)
        {
            if (_known.ContainsKey(key)) return;
            var completion = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
            completion.SetResult(value);
            _known.Add(key, completion);
        }
    }

    private async Task DispatchAsync(CancellationToken cancellation)
    {
        List<TKey> batch;
        TaskCompletionSource<TValue?>[] completions;
        lock (_gate)
        {
            if (_pending.Count == 0) return;
            batch = _pending;
            _pending = [];
            completions = batch.Select(key => _known[key]).ToArray();
        }
        try
        {
            var found = await fetch(batch, cancellation);
            for (var i = 0; i < batch.Count; i++)
                completions[i].TrySetResult(found.TryGetValue(batch[i], out var value) ? value : default);
        }
        catch (Exception e)
        {
            foreach (var completion in completions) completion.TrySetException(e);
        }
    }
}

/// <summary>A result the executor awaits after the current level; <see cref="Then{TNext}"/> maps it without awaiting early.</summary>
public sealed class Deferred<T>(Func<CancellationToken, Task<T>> produce) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => produce(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await produce(cancellationToken);

    public Deferred<TNext> Then<TNext>(Func<T, TNext> map) => new(async c => map(await produce(c)));
}
