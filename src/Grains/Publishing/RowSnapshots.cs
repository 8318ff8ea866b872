namespace ActorChat.Grains.Publishing;

/// <summary>
/// The rows on the other side of a grain's credits (an author's articles, an article's authors), kept in memory so
/// reading the credits with their rows costs one grain call, not one per credit. Filled from the other grains on
/// first read after activation, then kept current by their change notifications. Not persisted: a new activation
/// starts empty and refills.
/// </summary>
internal sealed class RowSnapshots<TRow> where TRow : class
{
    private readonly Dictionary<long, TRow> _rows = [];

    /// <summary>The rows for these ids, fetching the ones not seen yet concurrently; rows that no longer exist are left out.</summary>
    public async Task<IReadOnlyDictionary<long, TRow>> GetAsync(IEnumerable<long> ids, Func<long, Task<TRow?>> fetch, Func<TRow, long> idOf)
    {
        var missing = ids.Where(id => !_rows.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
            foreach (var row in await Task.WhenAll(missing.Select(fetch)))
                // A change notification that arrived while we fetched is newer than what we fetched.
                if (row is not null) _rows.TryAdd(idOf(row), row);
        return _rows;
    }

    /// <summary>Takes a newer row, when it is one this grain credits.</summary>
    public void Update(long id, TRow row, bool credited)
    {
        if (credited) _rows[id] = row;
    }

    public void Remove(long id) => _rows.Remove(id);
}
