using System.Text.Json.Nodes;

namespace ActorChat.GraphQL.Tests;

/// <summary>
/// The catalog creates rows by storing their documents without activating their grains; the rows then behave
/// like any other, even where someone asked for the id before it existed.
/// </summary>
public sealed class RowCreationTests : IAsyncLifetime
{
    private GraphQLTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await GraphQLTestServer.StartSeededAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task An_article_asked_for_before_it_existed_is_served_once_it_is_added()
    {
        var early = await _server.PostAsync("{ articles(id: 8) { title } }");
        Assert.Equal("NOT_FOUND", (string?)early["errors"]![0]!["extensions"]!["code"]);

        Assert.Equal(8, (int)Data(await _server.PostAsync("""mutation { addArticle(title: "Late", year: 2026) { dbId } }"""))["addArticle"]!["dbId"]!);
        Assert.Equal("""{"articles":{"title":"Late","year":2026}}""", Data(await _server.PostAsync("{ articles(id: 8) { title year } }")).ToJsonString());

        // The new row takes credits, updates and shows in pages like a seeded one.
        Data(await _server.PostAsync("""mutation { publish(authorId: 3, articleId: 8, rank: 1) { rank } }"""));
        Data(await _server.PostAsync("""mutation { updateArticle(id: 8, title: "Later") { title } }"""));
        Assert.Equal("""{"articles":{"title":"Later","publications":[{"authors":{"name":"Zhang Ming"}}]}}""",
            Data(await _server.PostAsync("{ articles(id: 8) { title publications { authors { name } } } }")).ToJsonString());
        var page = Data(await _server.PostAsync("{ allArticles { totalCount edges { node { dbId title } } } }"))["allArticles"]!;
        Assert.Equal(8, (int)page["totalCount"]!);
        Assert.Equal("Later", (string?)page["edges"]!.AsArray().Last()!["node"]!["title"]);
    }

    [Fact]
    public async Task An_author_asked_for_before_it_existed_is_served_once_it_is_added()
    {
        Assert.Equal("NOT_FOUND", (string?)(await _server.PostAsync("{ authors(id: 4) { name } }"))["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal(4, (int)Data(await _server.PostAsync("""mutation { addAuthor(name: "Zhao Ming") { dbId } }"""))["addAuthor"]!["dbId"]!);
        Assert.Equal("""{"authors":{"name":"Zhao Ming","email":null}}""", Data(await _server.PostAsync("{ authors(id: 4) { name email } }")).ToJsonString());
        Assert.Equal(4, (int)Data(await _server.PostAsync("{ allAuthors { totalCount } }"))["allAuthors"]!["totalCount"]!);
    }

    [Fact]
    public async Task A_deleted_article_leaves_the_count_and_its_id_is_never_given_out_again()
    {
        var id = (int)Data(await _server.PostAsync("""mutation { addArticle(title: "Short-lived") { dbId } }"""))["addArticle"]!["dbId"]!;
        Data(await _server.PostAsync($$"""mutation { deleteArticle(id: {{id}}) { title } }"""));
        Assert.Equal(7, (int)Data(await _server.PostAsync("{ allArticles { totalCount } }"))["allArticles"]!["totalCount"]!);
        var next = (int)Data(await _server.PostAsync("""mutation { addArticle(title: "Next") { dbId } }"""))["addArticle"]!["dbId"]!;
        Assert.True(next > id, $"{next} after deleting {id}");
    }

    private static JsonNode Data(JsonNode answer)
    {
        Assert.True(answer["errors"] is null, answer.ToJsonString());
        return answer["data"]!;
    }
}
