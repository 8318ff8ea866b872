using Orleans.Concurrency;

namespace ActorChat.Publishing;

/// <summary>One author (key: author id) and the articles credited to them.</summary>
[Alias("ActorChat.Publishing.IAuthorGrain")]
public interface IAuthorGrain : IRowGrain<Author>
{
    /// <summary>Creates the author or replaces its name and email; returns the stored author.</summary>
    [Alias("Set")] Task<Author> SetAsync(string name, string? email);

    /// <summary>The articles credited to this author, in article id order, each with the article's current row.</summary>
    [Alias("GetCredits"), ReadOnly] Task<IReadOnlyList<Credit>> GetCreditsAsync();

    /// <summary>Credits an existing article to this author with a rank on both sides; null when either does not exist.</summary>
    [Alias("Publish")] Task<Publication?> PublishAsync(long articleId, int rank);

    /// <summary>Removes the credit of an article from this author on both sides; false if there was none.</summary>
    [Alias("Unpublish")] Task<bool> UnpublishAsync(long articleId);

    /// <summary>Takes a credited article's new row; called by the article grain after it changes.</summary>
    [Alias("ArticleChanged"), AlwaysInterleave] Task ArticleChangedAsync(Article article);

    /// <summary>
    /// Forgets one article on this side only; called by the article grain when the article is deleted. Interleaves,
    /// so a delete and a publish of the same article crossing each other cannot deadlock.
    /// </summary>
    [Alias("ForgetArticle"), AlwaysInterleave] Task ForgetArticleAsync(long articleId);
}
