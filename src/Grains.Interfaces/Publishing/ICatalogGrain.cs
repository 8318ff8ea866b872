using Orleans.Concurrency;

namespace ActorChat.Publishing;

/// <summary>
/// The id allocator and sorted id index of one kind of row (key: <see cref="CatalogKinds"/>),
/// so listing pages never scans every grain.
/// </summary>
[Alias("ActorChat.Publishing.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>Allocates the next id (one above the highest ever seen), records it and returns it.</summary>
    [Alias("Allocate")] Task<long> AllocateAsync();

    /// <summary>Records an id chosen by the caller (sample data), so later allocations never reuse it.</summary>
    [Alias("Add")] Task AddAsync(long id);

    /// <summary>Forgets an id; it is never allocated again.</summary>
    [Alias("Remove")] Task RemoveAsync(long id);

    /// <summary>Up to <paramref name="count"/> ids greater than <paramref name="after"/>, ascending.</summary>
    [Alias("Page"), ReadOnly] Task<IdPage> PageAsync(long after, int count);
}

/// <summary>The keys of the catalog grains.</summary>
public static class CatalogKinds
{
    public const string Authors = "authors";
    public const string Articles = "articles";
}
