namespace ActorChat.Publishing;

/// <summary>An author as the API sees it.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.Publishing.Author")]
public sealed record Author(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Email);

/// <summary>An article as the API sees it.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.Publishing.Article")]
public sealed record Article(
    [property: Id(0)] long Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int? Year);

/// <summary>One author credited on one article, with the author's rank on it (1 = first author).</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.Publishing.Publication")]
public sealed record Publication(
    [property: Id(0)] long AuthorId,
    [property: Id(1)] long ArticleId,
    [property: Id(2)] int Rank);

/// <summary>A page of ids in ascending order, and whether more follow the last one.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.Publishing.IdPage")]
public sealed record IdPage(
    [property: Id(0)] IReadOnlyList<long> Ids,
    [property: Id(1)] bool HasMore,
    [property: Id(2)] int TotalCount);

/// <summary>One credit with both rows it joins, as the grain holding the credit last saw them.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.Publishing.Credit")]
public sealed record Credit(
    [property: Id(0)] Publication Publication,
    [property: Id(1)] Author Author,
    [property: Id(2)] Article Article);
