using ActorChat.WebFront.GraphQL.DataLoading;
using ActorChat.WebFront.GraphQL.Execution;
using GraphQL;

namespace ActorChat.WebFront.GraphQL;

/// <summary>What one request's resolvers share: its data loaders and where the request came from.</summary>
public sealed class GraphQLUserContext(PublishingLoaders loaders, RequestOrigin origin) : Dictionary<string, object?>
{
    public PublishingLoaders Loaders { get; } = loaders;

    public RequestOrigin Origin { get; } = origin;
}

internal static class ResolveFieldContextExtensions
{
    public static PublishingLoaders Loaders(this IResolveFieldContext context) => ((GraphQLUserContext)context.UserContext).Loaders;

    public static RequestOrigin Origin(this IResolveFieldContext context) => ((GraphQLUserContext)context.UserContext).Origin;
}
