using ActorChat.Publishing;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace ActorChat.Grains.Publishing;

public sealed class ArticleGrain(
    [PersistentState(PublishingStateNames.Article)] IPersistentState<ArticleState> state, IGrainFactory grains,
    ILogger<ArticleGrain> logger) : Grain, IArticleGrain
{
    private readonly RowSnapshots<Author> _authors = new(grains);

    private long Id => this.GetPrimaryKeyLong();

    public Task<Article?> GetAsync() => Task.FromResult(state.RecordExists ? ToArticle() : Missing<Article>());

    public async Task<Article> SetAsync(string title, int? year)
    {
        var existed = state.RecordExists;
        state.State.Title = title;
        state.State.Year = year;
        await state.WriteStateAsync();
        var article = ToArticle();
        // The catalog and the credited authors hold copies of this row; they take it before the change is answered,
        // and subscribers hear of it once it is stored.
        await Task.WhenAll(state.State.Authors.Select(c => GrainFactory.GetGrain<IAuthorGrain>(c.Id).ArticleChangedAsync(article))
            .Append(GrainFactory.Catalog<Article>().RowChangedAsync(article))
            .Append(existed ? ArticleAnnouncements.ChangedAsync(GrainFactory, article, logger) : ArticleAnnouncements.AddedAsync(GrainFactory, article, logger)));
        return article;
    }

    public async Task<Article?> DeleteAsync()
    {
        if (!state.RecordExists) return Missing<Article>();
        var deleted = ToArticle();
        await Task.WhenAll(state.State.Authors.Select(c =>
            GrainFactory.GetGrain<IAuthorGrain>(c.Id).ForgetArticleAsync(Id)));
        await GrainFactory.Catalog<Article>().RemoveAsync(Id);
        await state.ClearStateAsync();
        state.State = new ArticleState();
        return deleted;
    }

    public async Task<IReadOnlyList<Credit>> GetCreditsAsync()
    {
        if (!state.RecordExists) return Missing<IReadOnlyList<Credit>>() ?? [];
        var credits = state.State.Authors;
        var authors = await _authors.GetAsync(credits.Select(c => c.Id));
        var article = ToArticle();
        return credits.Where(c => authors.ContainsKey(c.Id))
            .OrderBy(c => c.Rank).ThenBy(c => c.Id)
            .Select(c => new Credit(new Publication(c.Id, Id, c.Rank), authors[c.Id], article))
            .ToArray();
    }

    public async Task<Article?> LinkAsync(Author author, int rank)
    {
        if (!state.RecordExists) return Missing<Article>();
        if (CreditList.Upsert(state.State.Authors, author.Id, rank)) await state.WriteStateAsync();
        _authors.Update(author, referred: true);
        return ToArticle();
    }

    public async Task UnlinkAsync(long authorId)
    {
        _authors.Remove(authorId);
        if (CreditList.Remove(state.State.Authors, authorId)) await state.WriteStateAsync();
    }

    public Task AuthorChangedAsync(Author author)
    {
        _authors.Update(author, referred: state.State.Authors.Exists(c => c.Id == author.Id));
        return Task.CompletedTask;
    }

    private Article ToArticle() => new(Id, state.State.Title, state.State.Year);

    // An activation for an id with no article (asked for before the catalog created it, or after a delete) does
    // not stay: the catalog writes new rows without activating their grains, and a lingering activation would
    // keep answering "no such article" after the article exists.
    private T? Missing<T>() where T : class
    {
        DeactivateOnIdle();
        return null;
    }
}
