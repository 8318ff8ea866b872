using ActorChat.Publishing;
using Orleans.Runtime;

namespace ActorChat.Grains.Publishing;

public sealed class AuthorGrain(
    [PersistentState(PublishingStateNames.Author)] IPersistentState<AuthorState> state, IGrainFactory grains) : Grain, IAuthorGrain
{
    private readonly RowSnapshots<Article> _articles = new(grains);

    private long Id => this.GetPrimaryKeyLong();

    public Task<Author?> GetAsync() => Task.FromResult(state.RecordExists ? ToAuthor() : null);

    public async Task<Author> SetAsync(string name, string? email)
    {
        state.State.Name = name;
        state.State.Email = email;
        await state.WriteStateAsync();
        var author = ToAuthor();
        // The catalog and the credited articles hold copies of this row; they take it before the change is answered.
        await Task.WhenAll(state.State.Articles.Select(c => GrainFactory.GetGrain<IArticleGrain>(c.Id).AuthorChangedAsync(author))
            .Append(GrainFactory.Catalog<Author>().RowChangedAsync(author)));
        return author;
    }

    public async Task<IReadOnlyList<Credit>> GetCreditsAsync()
    {
        if (!state.RecordExists) return [];
        var credits = state.State.Articles;
        var articles = await _articles.GetAsync(credits.Select(c => c.Id));
        var author = ToAuthor();
        return credits.Where(c => articles.ContainsKey(c.Id))
            .Select(c => new Credit(new Publication(Id, c.Id, c.Rank), author, articles[c.Id]))
            .ToArray();
    }

    public async Task<Publication?> PublishAsync(long articleId, int rank)
    {
        if (!state.RecordExists) return null;
        // The article side first: if it refuses (no such article) this side stays untouched,
        // and a retry after a failure between the two writes converges because both are upserts.
        var article = await GrainFactory.GetGrain<IArticleGrain>(articleId).LinkAsync(ToAuthor(), rank);
        if (article is null) return null;
        if (CreditList.Upsert(state.State.Articles, articleId, rank)) await state.WriteStateAsync();
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

    public Task ForgetArticleAsync(long articleId) => ForgetAsync(articleId);

    private async Task<bool> ForgetAsync(long articleId)
    {
        _articles.Remove(articleId);
        if (!CreditList.Remove(state.State.Articles, articleId)) return false;
        await state.WriteStateAsync();
        return true;
    }

    private Author ToAuthor() => new(Id, state.State.Name, state.State.Email);
}
