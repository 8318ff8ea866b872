using ActorChat.Publishing;
using Orleans.Runtime;

namespace ActorChat.Grains.Publishing;

/// <summary>
/// One grain per kind of row holds the allocator and the sorted id set. Orleans runs one activation per key
/// cluster-wide and one call at a time, so allocation needs no lock, and the id is persisted before it is
/// returned, so a restart never hands it out again. Pages come with their rows, from copies the row grains
/// keep current, so a page of a hundred costs one call.
/// </summary>
public sealed class CatalogGrain<TRow> : Grain, ICatalogGrain<TRow> where TRow : class, IRow
{
    private readonly IPersistentState<CatalogState> _state;
    private readonly RowSnapshots<TRow> _rows;

    public CatalogGrain([PersistentState(PublishingStateNames.Catalog)] IPersistentState<CatalogState> state, IGrainFactory grains)
    {
        _state = state;
        _rows = new RowSnapshots<TRow>(grains);
    }

    private SortedSet<long> Ids => _state.State.Ids;

    public async Task<long> AllocateAsync()
    {
        var id = _state.State.HighestId + 1;
        _state.State.HighestId = id;
        Ids.Add(id);
        await _state.WriteStateAsync();
        return id;
    }

    public async Task AddAsync(long id)
    {
        if (!Ids.Add(id) && id <= _state.State.HighestId) return;
        _state.State.HighestId = Math.Max(_state.State.HighestId, id);
        await _state.WriteStateAsync();
    }

    public async Task RemoveAsync(long id)
    {
        _rows.Remove(id);
        if (Ids.Remove(id)) await _state.WriteStateAsync();
    }

    public async Task<RowPage<TRow>> PageAsync(long after, int count)
    {
        var ids = Ids.Count == 0 || after >= Ids.Max ? [] : Ids.GetViewBetween(after + 1, long.MaxValue).Take(count + 1).ToList();
        var hasMore = ids.Count > count;
        if (hasMore) ids.RemoveAt(count);
        var rows = await _rows.GetAsync(ids);
        // An id allocated but not yet written has no row: it is left out of the page.
        return new RowPage<TRow>(ids.Where(rows.ContainsKey).Select(id => rows[id]).ToArray(), hasMore, Ids.Count);
    }

    public Task RowChangedAsync(TRow row)
    {
        _rows.Update(row, referred: Ids.Contains(row.Id));
        return Task.CompletedTask;
    }
}
