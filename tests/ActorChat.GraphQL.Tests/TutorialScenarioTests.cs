using System.Text.Json.Nodes;

namespace ActorChat.GraphQL.Tests;

/// <summary>Every query of the graphene tutorial, sent over HTTP to a seeded server, compared as whole JSON answers.</summary>
public sealed class TutorialScenarioTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    private GraphQLTestServer Server => fixture.Server;

    private async Task AssertAnswer(string query, string expected, object? variables = null)
    {
        var actual = await Server.PostAsync(query, variables);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nbut got  {actual.ToJsonString()}");
    }

    [Fact]
    public Task A_field_with_arguments_echoes_them() =>
        AssertAnswer("""{ ans(a: "str", b: 3) }""", """{"data":{"ans":"{'a': 'str', 'b': 3}"}}""");

    [Fact]
    public Task An_author_by_id_gives_name_and_email() =>
        AssertAnswer("{ authors(id: 1) { name email } }", """{"data":{"authors":{"name":"Li Ming","email":"Li@gmail.com"}}}""");

    [Fact]
    public Task Author_articles_list_the_four_books_of_Wang_Ming_with_their_ranks() =>
        AssertAnswer("{ authorArticles(id: 2) { authors { name } articles { title } rank } }", """
            {"data":{"authorArticles":[
              {"authors":{"name":"Wang Ming"},"articles":{"title":"这是第一本书"},"rank":2},
              {"authors":{"name":"Wang Ming"},"articles":{"title":"这是第二本书"},"rank":1},
              {"authors":{"name":"Wang Ming"},"articles":{"title":"这是第三本书"},"rank":1},
              {"authors":{"name":"Wang Ming"},"articles":{"title":"这是第四本书"},"rank":1}]}}
            """);

    [Fact]
    public Task Several_roots_answer_in_one_request() =>
        AssertAnswer("{ authors(id: 1) { name } articles(id: 2) { title } }",
            """{"data":{"authors":{"name":"Li Ming"},"articles":{"title":"这是第二本书"}}}""");

    [Fact]
    public Task Aliases_rename_fields_in_the_answer() =>
        AssertAnswer("{ user: authors(id: 1) { id: name } }", """{"data":{"user":{"id":"Li Ming"}}}""");

    [Fact]
    public Task Include_false_leaves_the_email_out() =>
        AssertAnswer("query Author($id: Int, $b: Boolean!) { authors(id: $id) { name email @include(if: $b) } }",
            """{"data":{"authors":{"name":"Zhang Ming"}}}""", new { id = 3, b = false });

    [Fact]
    public Task Include_true_adds_the_email() =>
        AssertAnswer("query Author($id: Int, $b: Boolean!) { authors(id: $id) { name email @include(if: $b) } }",
            """{"data":{"authors":{"name":"Zhang Ming","email":"Zhang@gmail.com"}}}""", new { id = 3, b = true });

    [Fact]
    public Task Skip_true_leaves_the_email_out() =>
        AssertAnswer("query Author($id: Int, $b: Boolean!) { authors(id: $id) { name email @skip(if: $b) } }",
            """{"data":{"authors":{"name":"Zhang Ming"}}}""", new { id = 3, b = true });

    [Fact]
    public async Task A_missing_id_is_null_with_a_not_found_error_at_its_path()
    {
        var answer = await Server.PostAsync("{ authors(id: 99) { name } articles(id: 2) { title } }");
        Assert.Null(answer["data"]!["authors"]);
        Assert.Equal("这是第二本书", (string?)answer["data"]!["articles"]!["title"]);
        var error = Assert.Single(answer["errors"]!.AsArray())!;
        Assert.Equal("No author has id 99.", (string?)error["message"]);
        Assert.Equal("authors", (string?)error["path"]![0]);
        Assert.Equal("NOT_FOUND", (string?)error["extensions"]!["code"]);
    }
}

/// <summary>The tutorial's mutation, on a freshly seeded store so the new row is the eighth.</summary>
public sealed class TutorialMutationTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    [Fact]
    public async Task Adding_an_article_gives_it_the_global_id_of_row_8()
    {
        var answer = await fixture.Server.PostAsync(
            "mutation addArticle($title: String, $year: Int) { addArticle(title: $title, year: $year) { title id } }",
            new { title = "new Article", year = 2020 });
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"data":{"addArticle":{"title":"new Article","id":"QXJ0aWNsZXNOb2RlOjg="}}}"""), answer),
            answer.ToJsonString());

        var read = await fixture.Server.PostAsync("{ articles(id: 8) { title year } }");
        Assert.Equal("""{"data":{"articles":{"title":"new Article","year":2020}}}""", read.ToJsonString());
    }
}
