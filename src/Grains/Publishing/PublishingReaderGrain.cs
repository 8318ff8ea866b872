using ActorChat.Publishing;
using Orleans.Concurrency;

namespace ActorChat.Grains.Publishing;

/// <summary>
/// Stateless, so every silo runs local activations and the fan-out stays inside the silo the front talks to;
/// the row grains are asked concurrently, never one after another. Reentrant because it holds no state: without
/// it one activation would serve one batch at a time, and on a one-core silo there is only one activation.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class PublishingReaderGrain : Grain, IPublishingReaderGrain
{
    public async Task<IReadOnlyList<Author>> GetAuthorsAsync(IReadOnlyList<long> ids) =>
        Present(await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IAuthorGrain>(id).GetAsync())));

    public async Task<IReadOnlyList<Article>> GetArticlesAsync(IReadOnlyList<long> ids) =>
        Present(await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IArticleGrain>(id).GetAsync())));

    public async Task<IReadOnlyList<Credit>> GetCreditsOfAuthorsAsync(IReadOnlyList<long> authorIds) =>
        (await Task.WhenAll(authorIds.Select(id => GrainFactory.GetGrain<IAuthorGrain>(id).GetCreditsAsync())))
        .SelectMany(c => c).ToArray();

    public async Task<IReadOnlyList<Credit>> GetCreditsOfArticlesAsync(IReadOnlyList<long> articleIds) =>
        (await Task.WhenAll(articleIds.Select(id => GrainFactory.GetGrain<IArticleGrain>(id).GetCreditsAsync())))
        .SelectMany(c => c).ToArray();

    private static T[] Present<T>(T?[] rows) where T : class => rows.OfType<T>().ToArray();
}
