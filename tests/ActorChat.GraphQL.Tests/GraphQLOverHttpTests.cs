using System.Net;
using System.Text.Json.Nodes;

namespace ActorChat.GraphQL.Tests;

/// <summary>The GraphQL-over-HTTP rules: methods, media types, status codes, and bad input that harms nothing else.</summary>
public sealed class GraphQLOverHttpTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private GraphQLTestServer Server => fixture.Server;

    private static async Task<JsonNode> Body(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static async Task<string> FirstError(HttpResponseMessage response) => (string)(await Body(response))["errors"]![0]!["message"]!;

    [Fact]
    public async Task A_POST_answers_in_the_GraphQL_response_media_type()
    {
        using var response = await Server.SendAsync("{ authors(id: 1) { name } }");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLResponse, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
    }

    [Fact]
    public async Task A_client_accepting_only_application_json_gets_application_json()
    {
        using var response = await Server.SendAsync("{ authors(id: 1) { name } }", accept: "application/json");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Li Ming", (string?)(await Body(response))["data"]!["authors"]!["name"]);
    }

    [Fact]
    public async Task A_client_accepting_nothing_we_speak_gets_406()
    {
        using var response = await Server.SendAsync("{ authors(id: 1) { name } }", accept: "text/csv");
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task A_GET_runs_a_query_with_variables_from_the_query_string()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString("query($id: Int) { authors(id: $id) { name } }")
                  + "&variables=" + Uri.EscapeDataString("""{"id":3}""");
        using var response = await Server.SendRawAsync(HttpMethod.Get, null, null, GraphQLResponse, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Zhang Ming", (string?)(await Body(response))["data"]!["authors"]!["name"]);
    }

    [Fact]
    public async Task A_mutation_over_GET_is_refused_with_405_and_Allow_POST()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString("mutation { addAuthor(name: \"x\") { name } }");
        using var response = await Server.SendRawAsync(HttpMethod.Get, null, null, GraphQLResponse, url);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal("Mutations must be sent with POST.", await FirstError(response));
        var authors = await Server.PostAsync("{ allAuthors { totalCount } }");
        Assert.Equal(3, (int)authors["data"]!["allAuthors"]!["totalCount"]!);
    }

    [Fact]
    public async Task Other_methods_are_refused_with_405_naming_GET_and_POST()
    {
        using var response = await Server.SendRawAsync(HttpMethod.Put, """{"query":"{ ans }"}""", "application/json", GraphQLResponse);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Select(a => a.Trim()));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task A_body_that_is_not_JSON_is_refused_with_415(string contentType)
    {
        using var response = await Server.SendRawAsync(HttpMethod.Post, """{"query":"{ ans }"}""", contentType, GraphQLResponse);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(GraphQLResponse, response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("""{"query": "{ ans }" """)]
    [InlineData("""[1, 2]""")]
    [InlineData("""{"query": 5}""")]
    [InlineData("""{"query": "{ ans }", "variables": "nope"}""")]
    [InlineData("""{"variables": {}}""")]
    public async Task A_body_that_is_not_a_GraphQL_request_gets_400(string body)
    {
        using var response = await Server.SendRawAsync(HttpMethod.Post, body, "application/json", GraphQLResponse);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Body(response))["errors"]);
        await AssertStillServing();
    }

    [Fact]
    public Task A_document_that_does_not_parse_gets_400_with_the_syntax_error()
        => AssertRequestError("{ authors(id: 1) { name ", null, "Error parsing query");

    [Fact]
    public async Task An_unknown_field_gets_400_with_the_new_media_type_and_200_with_application_json()
    {
        using var strict = await Server.SendAsync("{ authors(id: 1) { nickname } }");
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.Contains("nickname", await FirstError(strict));
        Assert.Null((await Body(strict))["data"]);

        using var legacy = await Server.SendAsync("{ authors(id: 1) { nickname } }", accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.Contains("nickname", await FirstError(legacy));
        await AssertStillServing();
    }

    [Fact]
    public Task A_variable_of_the_wrong_type_gets_400()
        => AssertRequestError("query($id: Int) { authors(id: $id) { name } }", new { id = "three" }, "$id");

    [Fact]
    public Task A_missing_required_variable_gets_400()
        => AssertRequestError("query($id: Int, $b: Boolean!) { authors(id: $id) { name email @include(if: $b) } }", new { id = 3 }, "$b");

    [Fact]
    public Task A_query_deeper_than_the_limit_gets_400_naming_the_limit()
        => AssertRequestError(
            "{ authors(id: 2) { publications { articles { publications { authors { publications { articles { publications { authors { publications { articles { publications { authors { name } } } } } } } } } } } } } }",
            null, "depth");

    [Fact]
    public Task A_query_more_complex_than_the_limit_gets_400_naming_the_limit()
        => AssertRequestError(
            "{ allArticles(first: 100) { edges { node { publications { articles { publications { authors { publications { rank } } } } } } } } }",
            null, "too complex");

    [Fact]
    public async Task A_field_error_during_execution_still_answers_200_with_the_data_that_resolved()
    {
        using var response = await Server.SendAsync("{ authors(id: 42) { name } ans }");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Body(response);
        Assert.Equal("{}", (string?)body["data"]!["ans"]);
        Assert.NotNull(body["errors"]);
    }

    [Fact]
    public async Task Repeating_a_cached_query_with_new_variables_still_checks_them()
    {
        const string query = "query($id: Int) { authors(id: $id) { name } }";
        Assert.Equal("Li Ming", (string?)(await Server.PostAsync(query, new { id = 1 }))["data"]!["authors"]!["name"]);
        Assert.Equal("Wang Ming", (string?)(await Server.PostAsync(query, new { id = 2 }))["data"]!["authors"]!["name"]);
        using var bad = await Server.SendAsync(query, new { id = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    /// <summary>A request that fails before execution: 400, an error naming the problem, and the server keeps serving.</summary>
    private async Task AssertRequestError(string query, object? variables, string inMessage)
    {
        using var response = await Server.SendAsync(query, variables);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(inMessage, await FirstError(response), StringComparison.OrdinalIgnoreCase);
        await AssertStillServing();
    }

    private async Task AssertStillServing()
    {
        var answer = await Server.PostAsync("{ authors(id: 1) { name } }");
        Assert.Equal("Li Ming", (string?)answer["data"]!["authors"]!["name"]);
    }
}
