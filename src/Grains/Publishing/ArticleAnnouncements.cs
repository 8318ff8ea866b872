using System.Text.Json;
using ActorChat.Publishing;
using ActorChat.Realtime;
using Microsoft.Extensions.Logging;

namespace ActorChat.Grains.Publishing;

/// <summary>
/// Tells the realtime room of <see cref="PublishingEvents"/> about an article once its change is stored (never
/// before), so GraphQL subscribers on every front hear it through the room's one delivery per front. An
/// announcement that fails is logged and does not fail the change, which is stored already.
/// </summary>
internal static class ArticleAnnouncements
{
    public static Task AddedAsync(IGrainFactory grains, IRow row, ILogger logger) =>
        row is Article article ? AnnounceAsync(grains, PublishingEvents.ArticleAdded, article, logger) : Task.CompletedTask;

    public static Task ChangedAsync(IGrainFactory grains, Article article, ILogger logger) =>
        AnnounceAsync(grains, PublishingEvents.ArticleChanged, article, logger);

    private static async Task AnnounceAsync(IGrainFactory grains, string @event, Article article, ILogger logger)
    {
        try
        {
            var args = JsonSerializer.SerializeToUtf8Bytes(new[] { article }, JsonSerializerOptions.Web);
            await grains.GetGrain<IRoomGrain>(RoomKey.Of(PublishingEvents.Namespace, PublishingEvents.ArticlesRoom))
                .Broadcast(new OutboundEvent(@event, args), exceptSid: null);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Announcing {Event} of article {Id} failed; the article is stored", @event, article.Id);
        }
    }
}
