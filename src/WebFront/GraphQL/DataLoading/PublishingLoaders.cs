using ActorChat.Publishing;
using GraphQL;
using GraphQL.DataLoader;

namespace ActorChat.WebFront.GraphQL.DataLoading;

/// <summary>
/// The per-request loaders for authors, articles and the relation between them. Each batch is one call: to the
/// row's grain for a batch of one, else to the stateless reader grain, which fans out inside the silo. Credits arrive with the rows they join, which prime
/// the author and article loaders, so following a credit to its author or article costs nothing more.
/// </summary>
public sealed class PublishingLoaders
{
    private readonly BatchLoader<long, Author> _authors;
    private readonly BatchLoader<long, Article> _articles;
    private readonly BatchLoader<long, IReadOnlyList<Publication>> _ofAuthor;
    private readonly BatchLoader<long, IReadOnlyList<Publication>> _ofArticle;

    /// <param name="reader">Resolved once by the caller: Orleans resolves a grain interface by reflection on every GetGrain.</param>
    public PublishingLoaders(IGrainFactory grains, IPublishingReaderGrain reader)
    {
        _authors = new(async (ids, _) => (await OneOrMany(ids,
            async id => await grains.GetGrain<IAuthorGrain>(id).GetAsync() is { } author ? [author] : [],
            reader.GetAuthorsAsync)).ToDictionary(a => a.Id));
        _articles = new(async (ids, _) => (await OneOrMany(ids,
            async id => await grains.GetGrain<IArticleGrain>(id).GetAsync() is { } article ? [article] : [],
            reader.GetArticlesAsync)).ToDictionary(a => a.Id));
        _ofAuthor = new(async (ids, _) => Group(ids, Prime(await OneOrMany(ids,
            id => grains.GetGrain<IAuthorGrain>(id).GetCreditsAsync(),
            reader.GetCreditsOfAuthorsAsync)), p => p.AuthorId));
        _ofArticle = new(async (ids, _) => Group(ids, Prime(await OneOrMany(ids,
            id => grains.GetGrain<IArticleGrain>(id).GetCreditsAsync(),
            reader.GetCreditsOfArticlesAsync)), p => p.ArticleId));
    }

    public IDataLoaderResult<IReadOnlyList<Publication>?> PublicationsOfAuthor(long id) => _ofAuthor.Load(id);
    public IDataLoaderResult<IReadOnlyList<Publication>?> PublicationsOfArticle(long id) => _ofArticle.Load(id);

    /// <summary>The author, or an error naming the missing id (GraphQL puts null and the field's path beside it).</summary>
    public IDataLoaderResult<Author> Author(long id) =>
        _authors.Load(id).Then(a => a ?? throw NotFound.Author(id));

    public IDataLoaderResult<Article> Article(long id) =>
        _articles.Load(id).Then(a => a ?? throw NotFound.Article(id));

    /// <summary>One credit, found among the author's credits; an error when there is no such credit.</summary>
    public IDataLoaderResult<Publication> PublicationOf(long authorId, long articleId) =>
        _ofAuthor.Load(authorId).Then(credits => credits?.FirstOrDefault(p => p.ArticleId == articleId)
            ?? throw new ExecutionError($"Author {authorId} has no credit on article {articleId}.") { Code = "NOT_FOUND" });

    // A batch of one goes straight to its grain: the front makes one call either way, and the reader's hop is saved.
    private static Task<IReadOnlyList<T>> OneOrMany<T>(IReadOnlyList<long> ids,
        Func<long, Task<IReadOnlyList<T>>> one, Func<IReadOnlyList<long>, Task<IReadOnlyList<T>>> many) =>
        ids.Count == 1 ? one(ids[0]) : many(ids);

    private Publication[] Prime(IReadOnlyList<Credit> credits)
    {
        foreach (var credit in credits)
        {
            _authors.Prime(credit.Author.Id, credit.Author);
            _articles.Prime(credit.Article.Id, credit.Article);
        }
        return credits.Select(c => c.Publication).ToArray();
    }

    private static IReadOnlyDictionary<long, IReadOnlyList<Publication>> Group(
        IReadOnlyList<long> ids, IReadOnlyList<Publication> rows, Func<Publication, long> key)
    {
        var groups = rows.GroupBy(key).ToDictionary(g => g.Key, g => (IReadOnlyList<Publication>)g.ToArray());
        foreach (var id in ids) groups.TryAdd(id, []);
        return groups;
    }
}

/// <summary>The not-found errors, with a code clients can match on.</summary>
public static class NotFound
{
    public static ExecutionError Author(long id) => new($"No author has id {id}.") { Code = "NOT_FOUND" };
    public static ExecutionError Article(long id) => new($"No article has id {id}.") { Code = "NOT_FOUND" };
}
