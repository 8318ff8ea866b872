using Orleans.Concurrency;

namespace ActorChat.Publishing;

/// <summary>
/// The id allocator and sorted index of one kind of row (<see cref="Author"/> or <see cref="Article"/>; key 0),
/// so listing pages never scans every grain.
/// </summary>
[Alias("ActorChat.Publishing.ICatalogGrain`1")]
public interface ICatalogGrain<TRow> : IGrainWithIntegerKey where TRow : class, IRow
{
    /// <summary>Allocates the next id (one above the highest ever seen), records it and returns it.</summary>
    [Alias("Allocate")] Task<long> AllocateAsync();

    /// <summary>Records an id chosen by the caller (sample data), so later allocations never reuse it.</summary>
    [Alias("Add")] Task AddAsync(long id);

    /// <summary>Forgets an id; it is never allocated again.</summary>
    [Alias("Remove")] Task RemoveAsync(long id);

    /// <summary>Up to <paramref name="count"/> rows with ids greater than <paramref name="after"/>, ascending.</summary>
    [Alias("Page"), ReadOnly] Task<RowPage<TRow>> PageAsync(long after, int count);

    /// <summary>Takes a row's new value; called by the row's grain after it changes.</summary>
    [Alias("RowChanged"), AlwaysInterleave] Task RowChangedAsync(TRow row);
}

public static class CatalogGrainFactoryExtensions
{
    /// <summary>The one catalog of a kind of row.</summary>
    public static ICatalogGrain<TRow> Catalog<TRow>(this IGrainFactory grains) where TRow : class, IRow => grains.GetGrain<ICatalogGrain<TRow>>(0);
}
