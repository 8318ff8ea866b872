using ActorChat.Hosting.Configuration;
using ActorChat.WebFront.GraphQL;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorChat.GraphQL.Tests;

public sealed class GraphQLOptionsTests
{
    [Theory]
    [InlineData("Path", "graphql", "ActorChat:GraphQL:Path must start with '/', but is 'graphql'.")]
    [InlineData("MaxDepth", "1", "ActorChat:GraphQL:MaxDepth must be at least 2, but is 1.")]
    [InlineData("MaxComplexity", "0", "ActorChat:GraphQL:MaxComplexity must be at least 10, but is 0.")]
    [InlineData("MaxPageSize", "0", "ActorChat:GraphQL:MaxPageSize must be at least 1, but is 0.")]
    [InlineData("MaxQueryLength", "10", "ActorChat:GraphQL:MaxQueryLength must be at least 100, but is 10.")]
    [InlineData("MaxTokens", "5", "ActorChat:GraphQL:MaxTokens must be at least 10, but is 5.")]
    [InlineData("MaxDirectivesPerLocation", "0", "ActorChat:GraphQL:MaxDirectivesPerLocation must be at least 1, but is 0.")]
    [InlineData("MaxTextLength", "0", "ActorChat:GraphQL:MaxTextLength must be at least 1, but is 0.")]
    public void A_bad_option_stops_start_up_with_a_sentence_naming_it(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ActorChat:GraphQL:" + key] = value })
            .Build();
        var error = Assert.Throws<InvalidConfigurationException>(() => new ServiceCollection().AddActorChatGraphQL(configuration));
        Assert.Equal(message, error.Message);
    }
}
