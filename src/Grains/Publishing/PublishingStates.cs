namespace ActorChat.Grains.Publishing;

// Persisted state. The storage serializer writes these as plain JSON/BSON documents without type names,
// so properties may be added later (old documents read with defaults) but existing names must stay.

/// <summary>One credit as kept on either side of the author–article relation.</summary>
[GenerateSerializer, Alias("ActorChat.Grains.Publishing.CreditState")]
public sealed class CreditState
{
    /// <summary>The other side's id: the article id on an author, the author id on an article.</summary>
    [Id(0)] public long Id { get; set; }
    [Id(1)] public int Rank { get; set; }
}

[GenerateSerializer, Alias("ActorChat.Grains.Publishing.AuthorState")]
public sealed class AuthorState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string? Email { get; set; }
    [Id(2)] public List<CreditState> Articles { get; set; } = [];
}

[GenerateSerializer, Alias("ActorChat.Grains.Publishing.ArticleState")]
public sealed class ArticleState
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public int? Year { get; set; }
    [Id(2)] public List<CreditState> Authors { get; set; } = [];
}

/// <summary>
/// Which ids of one kind of row exist, kept small: ids are handed out in order, so the set of ids is one run with
/// a few holes. Every id up to <see cref="HighestId"/> has a row except the <see cref="Missing"/> ones; ids above
/// it, up to <see cref="Reserved"/>, may have been handed out since, and the catalog looks their rows up when it
/// activates. A write of this state stays a few bytes however many rows there are, and happens once per block
/// of ids handed out, not once per row.
/// </summary>
[GenerateSerializer, Alias("ActorChat.Grains.Publishing.CatalogState")]
public sealed class CatalogState
{
    /// <summary>Every id up to this one is settled: it has a row, or it is <see cref="Missing"/>.</summary>
    [Id(0)] public long HighestId { get; set; }

    /// <summary>Every listed id, as versions before 2026-11 stored them; read once and turned into <see cref="Missing"/>, then left empty.</summary>
    [Id(1)] public SortedSet<long> Ids { get; set; } = [];

    /// <summary>Ids without a row that are never given out again: deleted rows, and holes below rows that exist.</summary>
    [Id(2)] public SortedSet<long> Missing { get; set; } = [];

    /// <summary>Ids up to this one may have been handed out (written before any of them is).</summary>
    [Id(3)] public long Reserved { get; set; }
}

/// <summary>The state names, which are also the storage collection names, so they must not change.</summary>
public static class PublishingStateNames
{
    public const string Author = "author";
    public const string Article = "article";
    public const string Catalog = "catalog";
}
