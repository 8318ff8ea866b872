using ActorChat.WebFront.GraphQL.DataLoading;
using GraphQL;

namespace ActorChat.WebFront.GraphQL;

/// <summary>What one request's resolvers share: its data loaders.</summary>
public sealed class GraphQLUserContext(PublishingLoaders loaders) : Dictionary<string, object?>
{
    public PublishingLoaders Loaders { get; } = loaders;
}

internal static class ResolveFieldContextExtensions
{
    public static PublishingLoaders Loaders(this IResolveFieldContext context) => ((GraphQLUserContext)context.UserContext).Loaders;
}
