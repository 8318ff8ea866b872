using System.Text.Json.Nodes;
using ActorChat.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ActorChat.Publishing;
using Orleans;

namespace ActorChat.GraphQL.Tests;

/// <summary>What a client learns when the server itself fails: that it failed, and a correlation id; the rest is in the log.</summary>
public sealed class InternalErrorTests
{
    [Fact]
    public async Task A_failing_store_is_reported_as_INTERNAL_with_a_correlation_id_and_its_details_only_in_the_log()
    {
        var log = new LogCollector();
        await using var server = await GraphQLTestServer.StartSeededAsync(services: services =>
        {
            services.AddSingleton<IIncomingGrainCallFilter, FailingStoreFilter>();
            services.AddSingleton<ILoggerProvider>(log);
        });

        var answer = await server.PostAsync("""mutation { addArticle(title: "explode") { dbId } }""");
        var text = answer.ToJsonString();
        foreach (var internals in new[] { "LiteDB", "page 42", "InvalidOperation", "INVALID_OPERATION", "ORLEANS", "Orleans", "   at " })
            Assert.DoesNotContain(internals, text);
        var error = answer["errors"]![0]!;
        Assert.Equal("INTERNAL", (string?)error["extensions"]!["code"]);
        Assert.Equal("""["INTERNAL"]""", error["extensions"]!["codes"]!.ToJsonString());
        var correlationId = (string)error["extensions"]!["correlationId"]!;
        Assert.Contains(correlationId, (string?)error["message"]);
        Assert.Equal(["addArticle"], error["path"]!.AsArray().Select(p => (string?)p));

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(correlationId)
            && e.Exception?.ToString().Contains("page 42") == true);
        Assert.Equal("Li Ming", (string?)(await server.PostAsync("{ authors(id: 1) { name } }"))["data"]!["authors"]!["name"]);
    }

    [Fact]
    public async Task The_text_limit_of_mutations_is_configurable()
    {
        await using var server = await GraphQLTestServer.StartSeededAsync(new Dictionary<string, string> { ["ActorChat:GraphQL:MaxTextLength"] = "10" });
        var tooLong = await server.PostAsync("""mutation { addArticle(title: "eleven char") { dbId } }""");
        Assert.Contains("1 to 10 characters", (string?)tooLong["errors"]![0]!["message"]);
        var fits = await server.PostAsync("""mutation { addArticle(title: "ten chars!") { title } }""");
        Assert.Equal("""{"data":{"addArticle":{"title":"ten chars!"}}}""", fits.ToJsonString());
    }

    /// <summary>Makes the creation of an article titled "explode" fail the way a broken store would.</summary>
    private sealed class FailingStoreFilter : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.Request.GetArgumentCount() > 0 && context.Request.GetArgument(0) is Article { Title: "explode" })
                throw new InvalidOperationException("LiteDB: page 42 is corrupt");
            return context.Invoke();
        }
    }
}
