using System.Text.Json.Nodes;
using ActorChat.Publishing;

namespace ActorChat.GraphQL.Tests;

/// <summary>What the data API offers beyond the tutorial: pages, refetching by global id, clear errors for missing rows.</summary>
public sealed class DataApiTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    private GraphQLTestServer Server => fixture.Server;

    private static JsonNode Data(JsonNode answer) => DataApiWriteTests.Data(answer);

    [Fact]
    public async Task Authors_page_through_with_first_and_after()
    {
        const string query = "query($after: String) { allAuthors(first: 2, after: $after) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }";
        var first = Data(await Server.PostAsync(query))["allAuthors"]!;
        Assert.Equal(3, (int)first["totalCount"]!);
        Assert.Equal(["Li Ming", "Wang Ming"], first["edges"]!.AsArray().Select(e => (string)e!["node"]!["name"]!));
        Assert.True((bool)first["pageInfo"]!["hasNextPage"]!);

        var second = Data(await Server.PostAsync(query, new { after = (string)first["pageInfo"]!["endCursor"]! }))["allAuthors"]!;
        Assert.Equal(["Zhang Ming"], second["edges"]!.AsArray().Select(e => (string)e!["node"]!["name"]!));
        Assert.False((bool)second["pageInfo"]!["hasNextPage"]!);
    }

    [Fact]
    public async Task A_cursor_that_was_never_given_out_is_a_clear_error()
    {
        var answer = await Server.PostAsync("""{ allArticles(after: "bm9wZQ==") { totalCount } }""");
        Assert.Equal("'bm9wZQ==' is not a cursor this connection gave out.", (string?)answer["errors"]![0]!["message"]);
        Assert.Equal("allArticles", (string?)answer["errors"]![0]!["path"]![0]);
    }

    [Fact]
    public async Task Any_node_is_refetched_by_its_global_id()
    {
        var ids = Data(await Server.PostAsync("{ authorArticles(id: 2) { id authors { id } articles { id } } }"))["authorArticles"]![0]!;
        const string query = """query($id: ID!) { node(id: $id) { __typename id ... on AuthorsNode { name } ... on ArticlesNode { title } ... on PublishNode { rank } } }""";
        foreach (var (id, expected) in new[]
                 {
                     ((string)ids["authors"]!["id"]!, "Wang Ming"),
                     ((string)ids["articles"]!["id"]!, "这是第一本书"),
                     ((string)ids["id"]!, "2"),
                 })
        {
            var node = Data(await Server.PostAsync(query, new { id }))["node"]!;
            Assert.Equal(id, (string?)node["id"]);
            Assert.Contains(expected, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        var missing = await Server.PostAsync(query, new { id = "QXJ0aWNsZXNOb2RlOjk5OQ==" });
        Assert.Null(missing["data"]!["node"]);
        Assert.Equal("No article has id 999.", (string?)missing["errors"]![0]!["message"]);
    }

    [Theory]
    [InlineData("""mutation { updateAuthor(id: 77, name: "x") { name } }""", "updateAuthor", "No author has id 77.")]
    [InlineData("""mutation { updateArticle(id: 77, title: "x") { title } }""", "updateArticle", "No article has id 77.")]
    [InlineData("""mutation { deleteArticle(id: 77) { title } }""", "deleteArticle", "No article has id 77.")]
    [InlineData("""mutation { publish(authorId: 1, articleId: 77, rank: 1) { rank } }""", "publish", "Author 1 or article 77 does not exist.")]
    [InlineData("""mutation { addArticle(year: 2020) { title } }""", "addArticle", "'addArticle' needs a 'title' of 1 to 1000 characters.")]
    [InlineData("""{ authorArticles(id: 77) { rank } }""", "authorArticles", "No author has id 77.")]
    public async Task Writes_and_reads_of_missing_rows_answer_null_with_an_error_at_the_path(string query, string field, string message)
    {
        using var response = await Server.SendAsync(query);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Null(answer["data"]![field]);
        Assert.Equal(message, (string?)answer["errors"]![0]!["message"]);
        Assert.Equal(field, (string?)answer["errors"]![0]!["path"]![0]);
    }
}

/// <summary>The write mutations, on a server of their own so the read tests see only the sample data.</summary>
public sealed class DataApiWriteTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    private GraphQLTestServer Server => fixture.Server;

    internal static JsonNode Data(JsonNode answer)
    {
        Assert.Null(answer["errors"]);
        return answer["data"]!;
    }

    [Fact]
    public async Task Authors_and_articles_are_added_updated_published_unpublished_and_deleted()
    {
        var author = Data(await Server.PostAsync("""mutation { addAuthor(name: "Zhao Ming", email: "zhao@example.com") { dbId name } }"""))["addAuthor"]!;
        var authorId = (int)author["dbId"]!;
        Assert.True(authorId > 3, "new authors get ids above the sample data");
        var article = Data(await Server.PostAsync("""mutation { addArticle(title: "Draft", year: 2024) { dbId } }"""))["addArticle"]!;
        var articleId = (int)article["dbId"]!;

        Assert.Equal("""{"name":"Zhao Ming","email":"zhao@new.example"}""",
            Data(await Server.PostAsync($$"""mutation { updateAuthor(id: {{authorId}}, email: "zhao@new.example") { name email } }"""))["updateAuthor"]!.ToJsonString());
        Assert.Equal("""{"title":"Final","year":2024}""",
            Data(await Server.PostAsync($$"""mutation { updateArticle(id: {{articleId}}, title: "Final") { title year } }"""))["updateArticle"]!.ToJsonString());

        Data(await Server.PostAsync($$"""mutation { publish(authorId: {{authorId}}, articleId: {{articleId}}, rank: 1) { rank } }"""));
        Data(await Server.PostAsync($$"""mutation { publish(authorId: 1, articleId: {{articleId}}, rank: 2) { rank } }"""));
        Assert.Equal($$"""{"publications":[{"authors":{"name":"Zhao Ming"},"rank":1},{"authors":{"name":"Li Ming"},"rank":2}]}""",
            Data(await Server.PostAsync($$"""{ articles(id: {{articleId}}) { publications { authors { name } rank } } }"""))["articles"]!.ToJsonString());

        Assert.True((bool)Data(await Server.PostAsync($$"""mutation { unpublish(authorId: 1, articleId: {{articleId}}) }"""))["unpublish"]!);
        Assert.False((bool)Data(await Server.PostAsync($$"""mutation { unpublish(authorId: 1, articleId: {{articleId}}) }"""))["unpublish"]!);

        Assert.Equal("Final", (string?)Data(await Server.PostAsync($$"""mutation { deleteArticle(id: {{articleId}}) { title } }"""))["deleteArticle"]!["title"]);
        var gone = await Server.PostAsync($$"""{ articles(id: {{articleId}}) { title } authorArticles(id: {{authorId}}) { rank } }""");
        Assert.Null(gone["data"]!["articles"]);
        Assert.Equal("[]", gone["data"]!["authorArticles"]!.ToJsonString());
        Assert.DoesNotContain(articleId, Data(await Server.PostAsync("{ allArticles { edges { node { dbId } } } }"))["allArticles"]!["edges"]!
            .AsArray().Select(e => (int)e!["node"]!["dbId"]!));
    }

    [Fact]
    public async Task Concurrent_additions_get_distinct_ids()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Server.PostAsync($$"""mutation { addArticle(title: "Race {{i}}") { dbId } }""")));
        var ids = answers.Select(a => (int)Data(a)["addArticle"]!["dbId"]!).ToArray();
        Assert.Equal(20, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id > 7));
    }

    [Fact]
    public async Task Deleting_an_article_while_it_is_being_published_finishes_promptly_and_leaves_no_credit()
    {
        var authorId = (int)Data(await Server.PostAsync("""mutation { addAuthor(name: "Sun") { dbId } }"""))["addAuthor"]!["dbId"]!;
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var round = 0; round < 20; round++)
        {
            var articleId = (int)Data(await Server.PostAsync("""mutation { addArticle(title: "Contested") { dbId } }"""))["addArticle"]!["dbId"]!;
            Data(await Server.PostAsync($$"""mutation { publish(authorId: {{authorId}}, articleId: {{articleId}}, rank: 1) { rank } }"""));
            // The author grain calls the article to publish while the article calls the author to forget the credit.
            await Task.WhenAll(
                Server.PostAsync($$"""mutation { publish(authorId: {{authorId}}, articleId: {{articleId}}, rank: 2) { rank } }"""),
                Server.PostAsync($$"""mutation { deleteArticle(id: {{articleId}}) { title } }"""));
        }
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"20 rounds took {started.Elapsed}");
        Assert.Equal("[]", Data(await Server.PostAsync($$"""{ authorArticles(id: {{authorId}}) { rank } }"""))["authorArticles"]!.ToJsonString());
    }

    [Fact]
    public async Task Renaming_an_author_or_retitling_an_article_shows_through_credits_and_pages_at_once()
    {
        var authorId = (int)Data(await Server.PostAsync("""mutation { addAuthor(name: "Qian") { dbId } }"""))["addAuthor"]!["dbId"]!;
        var articleId = (int)Data(await Server.PostAsync("""mutation { addArticle(title: "Old title") { dbId } }"""))["addArticle"]!["dbId"]!;
        Data(await Server.PostAsync($$"""mutation { publish(authorId: {{authorId}}, articleId: {{articleId}}, rank: 1) { rank } }"""));
        var both = $$"""{ authorArticles(id: {{authorId}}) { articles { title } } articles(id: {{articleId}}) { publications { authors { name } } } }""";
        Assert.Equal("""{"authorArticles":[{"articles":{"title":"Old title"}}],"articles":{"publications":[{"authors":{"name":"Qian"}}]}}""",
            Data(await Server.PostAsync(both)).ToJsonString());
        async Task<string?> TitleInPage() => Data(await Server.PostAsync("{ allArticles { edges { node { dbId title } } } }"))["allArticles"]!["edges"]!
            .AsArray().Select(e => e!["node"]!).Where(n => (int)n["dbId"]! == articleId).Select(n => (string?)n["title"]).SingleOrDefault();
        Assert.Equal("Old title", await TitleInPage());

        Data(await Server.PostAsync($$"""mutation { updateArticle(id: {{articleId}}, title: "New title") { title } }"""));
        Data(await Server.PostAsync($$"""mutation { updateAuthor(id: {{authorId}}, name: "Qian Ming") { name } }"""));
        Assert.Equal("""{"authorArticles":[{"articles":{"title":"New title"}}],"articles":{"publications":[{"authors":{"name":"Qian Ming"}}]}}""",
            Data(await Server.PostAsync(both)).ToJsonString());
        Assert.Equal("New title", await TitleInPage());
    }
}

/// <summary>Resolvers reach grains through batches: many rows, few round trips from the front.</summary>
public sealed class BatchingTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    [Fact]
    public async Task A_page_of_100_articles_with_their_authors_costs_a_handful_of_grain_calls()
    {
        var server = fixture.Server;
        var articles = server.Grains.Catalog<Article>();
        for (var i = 0; i < 100; i++)
        {
            var id = (await articles.CreateAsync(new Article(0, $"Bulk {i}", 2000 + i % 20))).Id;
            await server.Grains.GetGrain<IAuthorGrain>(1 + i % 3).PublishAsync(id, 1);
        }

        server.Calls.Reset();
        var answer = await server.PostAsync("{ allArticles(first: 100, after: \"Y3Vyc29yOjc=\") { edges { node { title publications { rank authors { name } } } } } }");
        var calls = server.Calls.FromFront;

        Assert.True(answer["errors"] is null, answer.ToJsonString());
        var edges = answer["data"]!["allArticles"]!["edges"]!.AsArray();
        Assert.Equal(100, edges.Count);
        Assert.All(edges, e => Assert.Single(e!["node"]!["publications"]!.AsArray()));
        // One page read, one batch of articles, one batch of credits, one batch of authors.
        Assert.Contains(calls, c => c.EndsWith("IPublishingReaderGrain.GetCreditsOfArticlesAsync", StringComparison.Ordinal));
        Assert.True(calls.Count <= 4, $"{calls.Count} grain calls from the front: {string.Join(", ", calls)}");
    }
}
