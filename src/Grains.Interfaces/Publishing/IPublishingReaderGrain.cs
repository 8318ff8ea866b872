namespace ActorChat.Publishing;

/// <summary>
/// Batch reads for the GraphQL data loaders: one call from a front fans out to many grains inside the silo,
/// so a query touching a hundred rows costs the front one round trip per batch, not one per row.
/// </summary>
[Alias("ActorChat.Publishing.IPublishingReaderGrain")]
public interface IPublishingReaderGrain : IGrainWithIntegerKey
{
    /// <summary>The authors with these ids, missing ones left out.</summary>
    [Alias("GetAuthors")] Task<IReadOnlyList<Author>> GetAuthorsAsync(IReadOnlyList<long> ids);

    /// <summary>The articles with these ids, missing ones left out.</summary>
    [Alias("GetArticles")] Task<IReadOnlyList<Article>> GetArticlesAsync(IReadOnlyList<long> ids);

    /// <summary>The credits of each of these authors, with the rows they join, all in one list.</summary>
    [Alias("GetCreditsOfAuthors")] Task<IReadOnlyList<Credit>> GetCreditsOfAuthorsAsync(IReadOnlyList<long> authorIds);

    /// <summary>The credits on each of these articles, with the rows they join, all in one list.</summary>
    [Alias("GetCreditsOfArticles")] Task<IReadOnlyList<Credit>> GetCreditsOfArticlesAsync(IReadOnlyList<long> articleIds);
}
