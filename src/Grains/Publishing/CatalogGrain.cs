using ActorChat.Publishing;
using Orleans.Runtime;

namespace ActorChat.Grains.Publishing;

/// <summary>
/// One grain per kind holds the allocator and the sorted id set. Orleans runs one activation per key
/// cluster-wide and one call at a time, so allocation needs no lock, and the id is persisted before it
/// is returned, so a restart never hands it out again.
/// </summary>
public sealed class CatalogGrain(
    [PersistentState(PublishingStateNames.Catalog)] IPersistentState<CatalogState> state) : Grain, ICatalogGrain
{
    public async Task<long> AllocateAsync()
    {
        var id = state.State.HighestId + 1;
        state.State.HighestId = id;
        state.State.Ids.Add(id);
        await state.WriteStateAsync();
        return id;
    }

    public async Task AddAsync(long id)
    {
        if (!state.State.Ids.Add(id) && id <= state.State.HighestId) return;
        state.State.HighestId = Math.Max(state.State.HighestId, id);
        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(long id)
    {
        if (state.State.Ids.Remove(id)) await state.WriteStateAsync();
    }

    public Task<IdPage> PageAsync(long after, int count)
    {
        var ids = state.State.Ids;
        var page = after >= ids.Max || ids.Count == 0
            ? []
            : ids.GetViewBetween(after + 1, long.MaxValue).Take(count + 1).ToList();
        var hasMore = page.Count > count;
        if (hasMore) page.RemoveAt(count);
        return Task.FromResult(new IdPage(page, hasMore, ids.Count));
    }
}
