using ActorChat.WebFront.GraphQL.Types;
using GraphQL.Types;

namespace ActorChat.WebFront.GraphQL;

public sealed class ActorChatSchema : Schema
{
    public ActorChatSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription) : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
    }
}
