using ActorChat.Publishing;
using Orleans.Runtime;

namespace ActorChat.Grains.Publishing;

public sealed class ArticleGrain(
    [PersistentState(PublishingStateNames.Article)] IPersistentState<ArticleState> state) : Grain, IArticleGrain
{
    private long Id => this.GetPrimaryKeyLong();

    public Task<Article?> GetAsync() => Task.FromResult(state.RecordExists ? ToArticle() : null);

    public async Task<Article> SetAsync(string title, int? year)
    {
        state.State.Title = title;
        state.State.Year = year;
        await state.WriteStateAsync();
        return ToArticle();
    }

    public async Task<Article?> DeleteAsync()
    {
        if (!state.RecordExists) return null;
        var deleted = ToArticle();
        await Task.WhenAll(state.State.Authors.Select(c =>
            GrainFactory.GetGrain<IAuthorGrain>(c.Id).ForgetArticleAsync(Id)));
        await GrainFactory.GetGrain<ICatalogGrain>(CatalogKinds.Articles).RemoveAsync(Id);
        await state.ClearStateAsync();
        state.State = new ArticleState();
        return deleted;
    }

    public Task<IReadOnlyList<Publication>> GetPublicationsAsync() =>
        Task.FromResult<IReadOnlyList<Publication>>(state.State.Authors
            .OrderBy(c => c.Rank).ThenBy(c => c.Id)
            .Select(c => new Publication(c.Id, Id, c.Rank)).ToArray());

    public async Task<bool> LinkAsync(long authorId, int rank)
    {
        if (!state.RecordExists) return false;
        if (CreditList.Upsert(state.State.Authors, authorId, rank)) await state.WriteStateAsync();
        return true;
    }

    public async Task UnlinkAsync(long authorId)
    {
        if (CreditList.Remove(state.State.Authors, authorId)) await state.WriteStateAsync();
    }

    private Article ToArticle() => new(Id, state.State.Title, state.State.Year);
}
