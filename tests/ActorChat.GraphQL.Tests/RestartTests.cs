namespace ActorChat.GraphQL.Tests;

/// <summary>Data written through GraphQL survives the whole process being killed and started again (embedded store).</summary>
public sealed class RestartTests : IDisposable
{
    private readonly ServerProcess _server = new();

    [Fact]
    public async Task Seeded_and_added_rows_survive_a_killed_process_and_ids_keep_counting_up()
    {
        Assert.Equal(0, _server.Run("seed"));

        await _server.StartAsync();
        Assert.Equal("""{"data":{"addArticle":{"dbId":8}}}""",
            (await _server.PostAsync("""mutation { addArticle(title: "Survivor", year: 2025) { dbId } }""")).ToJsonString());
        await _server.PostAsync("""mutation { updateAuthor(id: 1, email: "li@new.example") { email } }""");
        await _server.KillAsync();

        await _server.StartAsync();
        Assert.Equal("""{"data":{"articles":{"title":"Survivor","year":2025},"authors":{"email":"li@new.example"},"authorArticles":[{"rank":2},{"rank":1},{"rank":1},{"rank":1}]}}""",
            (await _server.PostAsync("{ articles(id: 8) { title year } authors(id: 1) { email } authorArticles(id: 2) { rank } }")).ToJsonString());
        Assert.Equal("""{"data":{"addArticle":{"dbId":9}}}""",
            (await _server.PostAsync("""mutation { addArticle(title: "Next", year: 2025) { dbId } }""")).ToJsonString());
    }

    public void Dispose() => _server.Dispose();
}
