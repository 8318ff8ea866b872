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

[GenerateSerializer, Alias("ActorChat.Grains.Publishing.CatalogState")]
public sealed class CatalogState
{
    /// <summary>The highest id ever allocated or added; allocation continues above it even after deletes.</summary>
    [Id(0)] public long HighestId { get; set; }
    [Id(1)] public SortedSet<long> Ids { get; set; } = [];
}

/// <summary>The state names, which are also the storage collection names, so they must not change.</summary>
public static class PublishingStateNames
{
    public const string Author = "author";
    public const string Article = "article";
    public const string Catalog = "catalog";
}
