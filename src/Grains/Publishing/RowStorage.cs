using ActorChat.Publishing;
using Orleans.Runtime;
using Orleans.Storage;

namespace ActorChat.Grains.Publishing;

/// <summary>
/// A row's own document, written and looked up by the catalog without activating the row's grain: creating a row
/// this way costs one store write (shared by a group commit), where activating a grain for it costs several times
/// more. The grain reads the document like any state of its own when it is first asked for. Nothing else can be
/// writing a new row's document: its id is handed out only by the catalog, and only once the document is stored.
/// </summary>
internal sealed class RowStorage(IGrainFactory grains, IServiceProvider services)
{
    private readonly IGrainStorage _articles = GrainStorageHelpers.GetGrainStorage(typeof(ArticleGrain), services);
    private readonly IGrainStorage _authors = GrainStorageHelpers.GetGrainStorage(typeof(AuthorGrain), services);

    /// <summary>Stores a new row; fails if its document exists already.</summary>
    public Task CreateAsync(IRow row) => row switch
    {
        Article article => _articles.WriteStateAsync(PublishingStateNames.Article, grains.GetGrain<IArticleGrain>(article.Id).GetGrainId(),
            new GrainState<ArticleState>(new ArticleState { Title = article.Title, Year = article.Year })),
        Author author => _authors.WriteStateAsync(PublishingStateNames.Author, grains.GetGrain<IAuthorGrain>(author.Id).GetGrainId(),
            new GrainState<AuthorState>(new AuthorState { Name = author.Name, Email = author.Email })),
        _ => throw new NotSupportedException($"Rows of type {row.GetType().Name} are not stored here."),
    };

    /// <summary>Whether the row with this id is stored.</summary>
    public async Task<bool> ExistsAsync<TRow>(long id) where TRow : IRow
    {
        if (typeof(TRow) == typeof(Article))
        {
            var article = new GrainState<ArticleState>();
            await _articles.ReadStateAsync(PublishingStateNames.Article, grains.GetGrain<IArticleGrain>(id).GetGrainId(), article);
            return article.RecordExists;
        }
        var author = new GrainState<AuthorState>();
        await _authors.ReadStateAsync(PublishingStateNames.Author, grains.GetGrain<IAuthorGrain>(id).GetGrainId(), author);
        return author.RecordExists;
    }

    /// <summary>The draft of a row with its id.</summary>
    public static TRow WithId<TRow>(TRow draft, long id) where TRow : IRow => draft switch
    {
        Article article => (TRow)(IRow)(article with { Id = id }),
        Author author => (TRow)(IRow)(author with { Id = id }),
        _ => throw new NotSupportedException($"Rows of type {draft.GetType().Name} are not stored here."),
    };
}
