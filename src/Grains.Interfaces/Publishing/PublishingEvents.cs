namespace ActorChat.Publishing;

/// <summary>
/// Where the publishing grains announce committed changes to articles: a room of the realtime event model, so
/// the announcements reach fronts the way every room broadcast does (one delivery per front), and GraphQL
/// subscriptions hear them as connections of that room. The namespace admits only GraphQL subscriptions.
/// </summary>
public static class PublishingEvents
{
    public const string Namespace = "/publishing";
    public const string ArticlesRoom = "articles";

    /// <summary>An article was added; its one argument is the article (<c>{id, title, year}</c>).</summary>
    public const string ArticleAdded = "articleAdded";

    /// <summary>An article's title or year changed; its one argument is the article as it is now.</summary>
    public const string ArticleChanged = "articleChanged";
}
