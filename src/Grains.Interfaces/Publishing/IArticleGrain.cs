using Orleans.Concurrency;

namespace ActorChat.Publishing;

/// <summary>One article (key: article id) and the authors credited on it.</summary>
[Alias("ActorChat.Publishing.IArticleGrain")]
public interface IArticleGrain : IRowGrain<Article>
{
    /// <summary>Creates the article or replaces its title and year; returns the stored article.</summary>
    [Alias("Set")] Task<Article> SetAsync(string title, int? year);

    /// <summary>Deletes the article and its credits on every author; returns what was deleted, or null.</summary>
    [Alias("Delete")] Task<Article?> DeleteAsync();

    /// <summary>The authors credited on this article, in rank then author id order, each with the author's current row.</summary>
    [Alias("GetCredits"), ReadOnly] Task<IReadOnlyList<Credit>> GetCreditsAsync();

    /// <summary>Records one author's credit on this side; returns the article, or null when it does not exist.</summary>
    [Alias("Link")] Task<Article?> LinkAsync(Author author, int rank);

    /// <summary>Takes a credited author's new row; called by the author grain after it changes.</summary>
    [Alias("AuthorChanged"), AlwaysInterleave] Task AuthorChangedAsync(Author author);

    /// <summary>Removes one author's credit on this side of the relation.</summary>
    [Alias("Unlink")] Task UnlinkAsync(long authorId);
}
