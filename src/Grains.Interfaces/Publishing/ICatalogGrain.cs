using Orleans.Concurrency;

namespace ActorChat.Publishing;

/// <summary>
/// The id allocator and index of one kind of row (<see cref="Author"/> or <see cref="Article"/>; key 0): it creates
/// rows, so listing pages never scans every grain.
/// </summary>
[Alias("ActorChat.Publishing.ICatalogGrain`1")]
public interface ICatalogGrain<TRow> : IGrainWithIntegerKey where TRow : class, IRow
{
    /// <summary>
    /// Creates a row from <paramref name="draft"/> (its id is ignored) under the next free id, stores it and returns
    /// it; answered only once the row is stored, so an answered row survives a crash.
    /// </summary>
    [Alias("Create")] Task<TRow> CreateAsync(TRow draft);

    /// <summary>Lists a row the caller stored under an id of its choosing (sample data), so later rows never take that id.</summary>
    [Alias("Add")] Task AddAsync(long id);

    /// <summary>Forgets a deleted row's id; it is never given out again.</summary>
    [Alias("Remove")] Task RemoveAsync(long id);

    /// <summary>Up to <paramref name="count"/> rows with ids greater than <paramref name="after"/>, ascending.</summary>
    [Alias("Page"), ReadOnly] Task<RowPage<TRow>> PageAsync(long after, int count);

    /// <summary>Takes a row's new value and lists its id if it was not yet; called by the row's grain once the row is stored.</summary>
    [Alias("RowChanged"), AlwaysInterleave] Task RowChangedAsync(TRow row);
}

public static class CatalogGrainFactoryExtensions
{
    /// <summary>The one catalog of a kind of row.</summary>
    public static ICatalogGrain<TRow> Catalog<TRow>(this IGrainFactory grains) where TRow : class, IRow => grains.GetGrain<ICatalogGrain<TRow>>(0);
}
