using ActorChat.Publishing;
using Orleans.Runtime;

namespace ActorChat.Grains.Publishing;

public sealed class AuthorGrain(
    [PersistentState(PublishingStateNames.Author)] IPersistentState<AuthorState> state, IGrainFactory grains) : Grain, IAuthorGrain
{
    private readonly RowSnapshots<Article> _articles = new(grains);
    private readonly CoalescedWrites _writes = new(state.WriteStateAsync);
    // Articles deleted while this activation lived; ids are never reused, so a late publish of one is refused.
    private readonly HashSet<long> _deletedArticles = [];

    private long Id => this.GetPrimaryKeyLong();

    public Task<Author?> GetAsync() => Task.FromResult(state.RecordExists ? ToAuthor() : Missing<Author>());

    public async Task<Author> SetAsync(string name, string? email)
    {
        await WriteAsync(() =>
        {
            state.State.Name = name;
            state.State.Email = email;
            return true;
        });
        var author = ToAuthor();
        // The catalog and the credited articles hold copies of this row; they take it before the change is answered.
        await Task.WhenAll(state.State.Articles.Select(c => GrainFactory.GetGrain<IArticleGrain>(c.Id).AuthorChangedAsync(author))
            .Append(GrainFactory.Catalog<Author>().RowChangedAsync(author)));
        return author;
    }

    public async Task<IReadOnlyList<Credit>> GetCreditsAsync()
    {
        if (!state.RecordExists) return Missing<IReadOnlyList<Credit>>() ?? [];
        var credits = state.State.Articles;
        var articles = await _articles.GetAsync(credits.Select(c => c.Id));
        var author = ToAuthor();
        return credits.Where(c => articles.ContainsKey(c.Id))
            .Select(c => new Credit(new Publication(Id, c.Id, c.Rank), author, articles[c.Id]))
            .ToArray();
    }

    public async Task<Publication?> PublishAsync(long articleId, int rank)
    {
        if (!state.RecordExists) return Missing<Publication>();
        // The article side first: if it refuses (no such article) this side stays untouched,
        // and a retry after a failure between the two writes converges because both are upserts.
        var article = await GrainFactory.GetGrain<IArticleGrain>(articleId).LinkAsync(ToAuthor(), rank);
        // The article may have been deleted (and told us so) while we waited for its answer.
        if (article is null || _deletedArticles.Contains(articleId)) return null;
        await WriteAsync(() => CreditList.Upsert(state.State.Articles, articleId, rank));
        _articles.Update(article, referred: true);
        return new Publication(Id, articleId, rank);
    }

    public async Task<bool> UnpublishAsync(long articleId)
    {
        await GrainFactory.GetGrain<IArticleGrain>(articleId).UnlinkAsync(Id);
        return await ForgetAsync(articleId);
    }

    public Task ArticleChangedAsync(Article article)
    {
        _articles.Update(article, referred: state.State.Articles.Exists(c => c.Id == article.Id));
        return Task.CompletedTask;
    }

    public Task ForgetArticleAsync(long articleId)
    {
        _deletedArticles.Add(articleId);
        return ForgetAsync(articleId);
    }

    private Task<bool> ForgetAsync(long articleId)
    {
        _articles.Remove(articleId);
        return WriteAsync(() => CreditList.Remove(state.State.Articles, articleId));
    }

    // ForgetArticle interleaves with calls that are waiting on an article grain: their state changes happen in
    // turn, and their writes one after another (two overlapping writes would carry the same etag).
    private async Task<bool> WriteAsync(Func<bool> change)
    {
        if (!change()) return false;
        await _writes.WriteAsync();
        return true;
    }

    private Author ToAuthor() => new(Id, state.State.Name, state.State.Email);

    // An activation for an id with no author does not stay (see ArticleGrain: the catalog creates rows without
    // activating their grains).
    private T? Missing<T>() where T : class
    {
        DeactivateOnIdle();
        return null;
    }
}
