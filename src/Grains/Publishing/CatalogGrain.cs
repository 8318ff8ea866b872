using ActorChat.Publishing;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace ActorChat.Grains.Publishing;

/// <summary>
/// One grain per kind of row creates rows and knows which ids exist. It writes a new row's document itself
/// (<see cref="RowStorage"/>), without activating the row's grain, and answers once the document is stored; the
/// store's group commit lets concurrent creations share one transaction. Ids are handed out in order and reserved
/// in blocks: the catalog's own small state is written once per block, before any id of it is used, so after a
/// crash the ids that may have been used are known, and the catalog looks their rows up when it activates. An id
/// whose row was never stored was never answered, so it may be handed out again; deleted ids never are. Orleans
/// runs one activation per key and its turns one at a time, so this needs no lock; the grain is reentrant so that
/// creations wait for the store side by side. Pages come with their rows, from copies kept current by the row
/// grains, so a page of a hundred costs one call.
/// </summary>
[Reentrant]
public sealed class CatalogGrain<TRow> : Grain, ICatalogGrain<TRow> where TRow : class, IRow
{
    // Ids reserved per write of the catalog's state; also how many rows a restart may have to look up.
    private const int Block = 256;

    private readonly IPersistentState<CatalogState> _state;
    private readonly RowSnapshots<TRow> _rows;
    private readonly CoalescedWrites _writes;
    private readonly ILogger<CatalogGrain<TRow>> _logger;
    private RowStorage _storage = null!;
    // Handed out, their rows not stored yet: not listed.
    private readonly SortedSet<long> _creating = [];
    // The highest id handed out or listed, and the highest reservation known to be stored.
    private long _highest;
    private long _reservedStored;

    public CatalogGrain([PersistentState(PublishingStateNames.Catalog)] IPersistentState<CatalogState> state, IGrainFactory grains,
        ILogger<CatalogGrain<TRow>> logger)
    {
        _state = state;
        _rows = new RowSnapshots<TRow>(grains);
        _writes = new CoalescedWrites(state.WriteStateAsync);
        _logger = logger;
    }

    private CatalogState State => _state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _storage = new RowStorage(GrainFactory, ServiceProvider);
        var changed = ForgetListOfEveryId();
        _highest = State.HighestId;
        // Rows created after the last write of this state: look up each id that may have been handed out.
        var candidates = Enumerable.Range(1, (int)Math.Max(0, State.Reserved - State.HighestId)).Select(i => State.HighestId + i).ToArray();
        var exists = await Task.WhenAll(candidates.Select(id => State.Missing.Contains(id) ? Task.FromResult(true) : _storage.ExistsAsync<TRow>(id)));
        foreach (var (id, stored) in candidates.Zip(exists))
            if (stored) _highest = id;
        // Holes below the highest row (creations that failed or were cut short) are never listed.
        foreach (var (id, stored) in candidates.Zip(exists))
            if (!stored && id < _highest) State.Missing.Add(id);
        _reservedStored = State.Reserved;
        if (changed || _highest != State.HighestId)
        {
            State.HighestId = _highest;
            await _writes.WriteAsync();
        }
    }

    public async Task<TRow> CreateAsync(TRow draft)
    {
        var id = ++_highest;
        _creating.Add(id);
        try
        {
            if (id > _reservedStored) await ReserveAsync(id);
            var row = RowStorage.WithId(draft, id);
            await _storage.CreateAsync(row);
            _creating.Remove(id);
            _rows.Update(row, referred: true);
            await ArticleAnnouncements.AddedAsync(GrainFactory, row, _logger);
            return row;
        }
        catch
        {
            // Not stored: never listed (a later restart may hand the id out again, which is harmless: nobody heard of it).
            if (_creating.Remove(id)) State.Missing.Add(id);
            throw;
        }
    }

    public async Task AddAsync(long id)
    {
        if (!List(id)) return;
        State.Reserved = Math.Max(State.Reserved, id);
        await WriteSettledAsync();
    }

    public async Task RemoveAsync(long id)
    {
        _rows.Remove(id);
        if (id > _highest || !State.Missing.Add(id)) return;
        await WriteSettledAsync();
    }

    public async Task<RowPage<TRow>> PageAsync(long after, int count)
    {
        var ids = ListedAfter(after).Take(count + 1).ToList();
        var hasMore = ids.Count > count;
        if (hasMore) ids.RemoveAt(count);
        var total = (int)(_highest - State.Missing.Count - _creating.Count);
        var rows = await _rows.GetAsync(ids);
        // A row that is gone by now (deleted while we fetched) is left out of the page.
        return new RowPage<TRow>(ids.Where(rows.ContainsKey).Select(id => rows[id]).ToArray(), hasMore, total);
    }

    public async Task RowChangedAsync(TRow row)
    {
        _rows.Update(row, referred: true);
        // A row stored by its own grain under an id the catalog did not hand out (tests, tools) is listed too.
        if (!_creating.Contains(row.Id) && List(row.Id))
        {
            State.Reserved = Math.Max(State.Reserved, row.Id);
            await WriteSettledAsync();
        }
    }

    // Stores a reservation covering this id before its row is written, so a restart knows to look for the row.
    private async Task ReserveAsync(long id)
    {
        if (id > State.Reserved) State.Reserved = id + Block - 1;
        var reserving = State.Reserved;
        await WriteSettledAsync();
        _reservedStored = Math.Max(_reservedStored, reserving);
    }

    private Task WriteSettledAsync()
    {
        State.HighestId = _creating.Count > 0 ? _creating.Min - 1 : _highest;
        return _writes.WriteAsync();
    }

    // Lists an id whose row exists; false when it was listed already.
    private bool List(long id)
    {
        if (id > _highest)
        {
            for (var skipped = _highest + 1; skipped < id; skipped++)
                if (!_creating.Contains(skipped)) State.Missing.Add(skipped);
            _highest = id;
            return true;
        }
        return State.Missing.Remove(id);
    }

    private IEnumerable<long> ListedAfter(long after)
    {
        for (var id = Math.Max(after, 0) + 1; id <= _highest; id++)
            if (!State.Missing.Contains(id) && !_creating.Contains(id)) yield return id;
    }

    // Earlier versions stored every listed id; what is not among them is missing.
    private bool ForgetListOfEveryId()
    {
        if (State.Ids.Count == 0) return false;
        for (var id = 1L; id <= State.HighestId; id++)
            if (!State.Ids.Contains(id)) State.Missing.Add(id);
        State.Ids.Clear();
        State.Reserved = Math.Max(State.Reserved, State.HighestId);
        return true;
    }
}
