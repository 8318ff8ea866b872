namespace ActorChat.Publishing;

/// <summary>A row with an integer id: an author or an article.</summary>
public interface IRow
{
    long Id { get; }
}

// The aliases of Author and Article are also part of their catalogs' grain ids, and so of the catalogs' storage
// keys (catalog`1[[ActorChat.Publishing.Article]]/0): keep them when renaming or moving these records.

/// <summary>An author as the API sees it.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.Publishing.Author")]
public sealed record Author(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Email) : IRow;

/// <summary>An article as the API sees it.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.Publishing.Article")]
public sealed record Article(
    [property: Id(0)] long Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int? Year) : IRow;

/// <summary>One author credited on one article, with the author's rank on it (1 = first author).</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.Publishing.Publication")]
public sealed record Publication(
    [property: Id(0)] long AuthorId,
    [property: Id(1)] long ArticleId,
    [property: Id(2)] int Rank);

/// <summary>A page of rows in ascending id order, whether more follow the last one, and how many there are in all.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.Publishing.RowPage`1")]
public sealed record RowPage<TRow>(
    [property: Id(0)] IReadOnlyList<TRow> Rows,
    [property: Id(1)] bool HasMore,
    [property: Id(2)] int TotalCount);

/// <summary>One credit with both rows it joins, as the grain holding the credit last saw them.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.Publishing.Credit")]
public sealed record Credit(
    [property: Id(0)] Publication Publication,
    [property: Id(1)] Author Author,
    [property: Id(2)] Article Article);
