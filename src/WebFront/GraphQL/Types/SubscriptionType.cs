using System.Text.Json;
using ActorChat.Publishing;
using ActorChat.WebFront.GraphQL.EventModel;
using GraphQL;
using GraphQL.Types;

namespace ActorChat.WebFront.GraphQL.Types;

/// <summary>
/// Live data over a WebSocket (graphql-transport-ws). Every field is a receive-only connection of the event model in
/// one room: articles are announced in the publishing grains' room once stored; room events and presence are those
/// of any realtime room, from every transport.
/// </summary>
public sealed class SubscriptionType : ObjectGraphType
{
    public const string DefaultNamespace = "/chat";
    private const string PresenceEvent = "presence";

    public SubscriptionType(RoomListeners listeners)
    {
        Name = "Subscription";

        Field<ArticlesNodeType>("articleAdded")
            .Description("Each article added, once it is stored.")
            .ResolveStreamAsync(c => Articles(listeners, c, PublishingEvents.ArticleAdded, id: null))
            .Resolve(c => c.Source);

        Field<ArticlesNodeType>("articleChanged")
            .Description("Each change of an article's title or year, once it is stored; only those of the article 'id' when it is given.")
            .Argument<IntGraphType>("id")
            .ResolveStreamAsync(c => Articles(listeners, c, PublishingEvents.ArticleChanged, c.GetArgument<int?>("id")))
            .Resolve(c => c.Source);

        Field<RoomEventType>("roomEvents")
            .Description("Every event delivered to a room, whichever transport its sender used.")
            .Argument<StringGraphType>("namespace", a => a.DefaultValue = DefaultNamespace)
            .Argument<NonNullGraphType<StringGraphType>>("room")
            .ResolveStreamAsync(c => Listen(listeners, c, e => new RoomEvent(e.Name, e.Args, Sender(e))))
            .Resolve(c => c.Source);

        Field<PresenceChangeType>("presence")
            .Description("Users joining (their first connection in the room) and leaving (their last).")
            .Argument<StringGraphType>("namespace", a => a.DefaultValue = DefaultNamespace)
            .Argument<NonNullGraphType<StringGraphType>>("room")
            .ResolveStreamAsync(c => Listen(listeners, c, e => e.Name == PresenceEvent && e.FirstObject is { } change
                ? new PresenceChange(Text(change, "user") ?? "", Text(change, "status") ?? "")
                : null))
            .Resolve(c => c.Source);
    }

    private static Task<IObservable<object?>> Articles(RoomListeners listeners, IResolveFieldContext context, string @event, int? id) =>
        listeners.ListenAsync(context.Origin(), PublishingEvents.Namespace, PublishingEvents.ArticlesRoom, e =>
            e.Name == @event && e.FirstObject?.Deserialize<Article>(JsonSerializerOptions.Web) is { } article && (id is null || article.Id == id)
                ? article
                : null);

    private static Task<IObservable<object?>> Listen(RoomListeners listeners, IResolveFieldContext context, Func<ParsedEvent, object?> map) =>
        listeners.ListenAsync(context.Origin(), context.GetArgument<string?>("namespace") ?? DefaultNamespace, context.GetArgument<string>("room"), map);

    private static EventSender? Sender(ParsedEvent e) =>
        e.FirstObject is { } first && first.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object
            ? new EventSender(Text(from, "user"), Text(from, "sid"))
            : null;

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
