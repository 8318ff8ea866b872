using ActorChat.Publishing;
using Orleans.Runtime;

namespace ActorChat.Grains.Publishing;

public sealed class AuthorGrain(
    [PersistentState(PublishingStateNames.Author)] IPersistentState<AuthorState> state) : Grain, IAuthorGrain
{
    private long Id => this.GetPrimaryKeyLong();

    public Task<Author?> GetAsync() => Task.FromResult(state.RecordExists ? ToAuthor() : null);

    public async Task<Author> SetAsync(string name, string? email)
    {
        state.State.Name = name;
        state.State.Email = email;
        await state.WriteStateAsync();
        return ToAuthor();
    }

    public Task<IReadOnlyList<Publication>> GetPublicationsAsync() =>
        Task.FromResult<IReadOnlyList<Publication>>(
            state.State.Articles.Select(c => new Publication(Id, c.Id, c.Rank)).ToArray());

    public async Task<Publication?> PublishAsync(long articleId, int rank)
    {
        if (!state.RecordExists) return null;
        // The article side first: if it refuses (no such article) this side stays untouched,
        // and a retry after a failure between the two writes converges because both are upserts.
        if (!await GrainFactory.GetGrain<IArticleGrain>(articleId).LinkAsync(Id, rank)) return null;
        if (CreditList.Upsert(state.State.Articles, articleId, rank)) await state.WriteStateAsync();
        return new Publication(Id, articleId, rank);
    }

    public async Task<bool> UnpublishAsync(long articleId)
    {
        await GrainFactory.GetGrain<IArticleGrain>(articleId).UnlinkAsync(Id);
        if (!CreditList.Remove(state.State.Articles, articleId)) return false;
        await state.WriteStateAsync();
        return true;
    }

    public async Task ForgetArticleAsync(long articleId)
    {
        if (CreditList.Remove(state.State.Articles, articleId)) await state.WriteStateAsync();
    }

    private Author ToAuthor() => new(Id, state.State.Name, state.State.Email);
}
