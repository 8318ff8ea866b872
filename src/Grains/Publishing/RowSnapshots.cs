using ActorChat.Publishing;

namespace ActorChat.Grains.Publishing;

/// <summary>
/// Copies of rows held by other grains (an author's articles, an article's authors, a catalog's rows), kept in
/// memory so reading many of them costs one grain call, not one per row. Filled from the rows' grains on first
/// read after activation, then kept current by their change notifications. Not persisted: a new activation
/// starts empty and refills.
/// </summary>
internal sealed class RowSnapshots<TRow>(IGrainFactory grains) where TRow : class, IRow
{
    private readonly Dictionary<long, TRow> _rows = [];

    /// <summary>The rows for these ids, fetching the ones not seen yet concurrently; rows that no longer exist are left out.</summary>
    public async Task<IReadOnlyDictionary<long, TRow>> GetAsync(IEnumerable<long> ids)
    {
        var missing = ids.Where(id => !_rows.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
            foreach (var row in await Task.WhenAll(missing.Select(id => grains.GetGrain<IRowGrain<TRow>>(id).GetAsync())))
                // A change notification that arrived while we fetched is newer than what we fetched.
                if (row is not null) _rows.TryAdd(row.Id, row);
        return _rows;
    }

    /// <summary>Takes a row's new value, when it is a row the owner refers to.</summary>
    public void Update(TRow row, bool referred)
    {
        if (referred) _rows[row.Id] = row;
    }

    public void Remove(long id) => _rows.Remove(id);
}
