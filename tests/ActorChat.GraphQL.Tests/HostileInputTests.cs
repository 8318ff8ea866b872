using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ActorChat.GraphQL.Tests;

/// <summary>
/// Requests built to hurt (found by a probe of the running server): each gets a 400-class answer with a JSON body
/// naming the problem, costs little, and leaves the server serving everyone else.
/// </summary>
public sealed class HostileInputTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    private GraphQLTestServer Server => fixture.Server;

    [Fact]
    public async Task A_field_with_twenty_thousand_repeated_directives_is_refused_before_validation()
    {
        // 320 KB; validated as it was, it took 32 s of CPU and answered 4.6 MB of errors.
        var query = "{ ans(a: \"x\")" + string.Concat(Enumerable.Repeat(" @skip(if: false)", 20_000)) + " }";
        using var response = await Server.SendRawAsync(HttpMethod.Post, new JsonObject { ["query"] = query }.ToJsonString(),
            "application/json", "application/graphql-response+json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.Length < 2000, $"{body.Length} characters of answer");
        var errors = JsonNode.Parse(body)!["errors"]!.AsArray();
        Assert.Single(errors);
        await AssertStillServing();
    }

    [Fact]
    public async Task More_directives_on_one_field_than_allowed_are_refused_naming_the_limit()
    {
        var query = "{ ans" + string.Concat(Enumerable.Repeat(" @skip(if: false)", 11)) + " }";
        var error = await RequestErrorAsync(query);
        Assert.Contains("11 directives", error);
        Assert.Contains("ActorChat:GraphQL:MaxDirectivesPerLocation", error);
        // Ten pass the limit and reach validation, which allows each of these directives once per place.
        var ten = await Server.PostAsync("{ ans" + string.Concat(Enumerable.Repeat(" @skip(if: false)", 10)) + " }");
        Assert.Contains("'skip'", (string?)ten["errors"]![0]!["message"]);
        Assert.Equal("""{"data":{"ans":"{}"}}""", (await Server.PostAsync("{ ans @skip(if: false) @include(if: true) }")).ToJsonString());
    }

    [Fact]
    public async Task A_query_with_more_tokens_than_allowed_is_refused_before_parsing()
    {
        // 24 KB, well under the length limit, but 6,002 tokens: { ans ans ans … }
        var error = await RequestErrorAsync("{" + string.Concat(Enumerable.Repeat(" ans", 6_000)) + " }");
        Assert.Contains("tokens", error);
        Assert.Contains("ActorChat:GraphQL:MaxTokens", error);
        await AssertStillServing();
    }

    [Fact]
    public async Task Fragments_that_spread_each_other_twice_over_are_refused_before_validation()
    {
        // 1 KB of text that spreads to 2^20 fields: validating it as it was took seconds.
        var fragments = string.Concat(Enumerable.Range(0, 20).Select(i =>
            $"fragment A{i} on AuthorsNode {{ p: publications {{ authors {{ ...A{i + 1} }} }} q: publications {{ authors {{ ...A{i + 1} }} }} }} "));
        var error = await RequestErrorAsync("{ authors(id: 1) { ...A0 } } " + fragments + "fragment A20 on AuthorsNode { name }");
        Assert.Contains("ActorChat:GraphQL:MaxFields", error);
        await AssertStillServing();
    }

    [Fact]
    public async Task The_same_field_repeated_side_by_side_is_refused_before_validation()
    {
        // Validation compares every pair of same-named fields: 400 of them (5 KB) cost about a second and some 26 MB of errors.
        var error = await RequestErrorAsync("{" + string.Concat(Enumerable.Range(0, 400).Select(i => $" ans(a: \"{i}\")")) + " }");
        Assert.Contains("ActorChat:GraphQL:MaxFieldMerges", error);
        Assert.Equal("""{"data":{"ans":"{}"}}""", (await Server.PostAsync("{ ans ans ans }")).ToJsonString());
    }

    [Fact]
    public async Task A_query_longer_than_allowed_is_refused_before_parsing()
    {
        var error = await RequestErrorAsync("{ ans }" + new string(' ', 70_000));
        Assert.Contains("ActorChat:GraphQL:MaxQueryLength", error);
        await AssertStillServing();
    }

    [Theory]
    [InlineData("list", "[", "]")]
    [InlineData("object", "{a: ", "}")]
    public async Task A_literal_nested_five_thousand_deep_is_a_400_with_a_JSON_body(string kind, string open, string close)
    {
        var query = "{ ans(a: " + string.Concat(Enumerable.Repeat(open, 5000)) + "1" + string.Concat(Enumerable.Repeat(close, 5000)) + ") }";
        var error = await RequestErrorAsync(query);
        Assert.False(string.IsNullOrWhiteSpace(error), kind);
        await AssertStillServing();
    }

    [Theory]
    [InlineData("{ ans(a: \"unterminated) }")]
    [InlineData("{ ans(a: 1.2.3) }")]
    [InlineData("{ ans } }")]
    [InlineData("query { ans } query { ans }")]
    [InlineData("{ ans(a: \"\\u12\") }")]
    [InlineData("\u0001{ ans }")]
    public async Task Every_parse_failure_is_a_400_with_a_JSON_body(string query)
    {
        var error = await RequestErrorAsync(query);
        Assert.False(string.IsNullOrWhiteSpace(error));
        await AssertStillServing();
    }

    [Theory]
    [InlineData("a lone surrogate escaped in the JSON body", "{\"query\":\"{ ans(a: \\\"\\ud800\\\") }\"}", "BAD_REQUEST")]
    [InlineData("a lone surrogate escaped in the GraphQL string", "{\"query\":\"{ ans(a: \\\"\\\\udc00\\\") }\"}", "INVALID_UNICODE")]
    [InlineData("a lone surrogate in a variable", "{\"query\":\"query($t: String) { ans(a: $t) }\",\"variables\":{\"t\":\"x\\ud800\"}}", "BAD_REQUEST")]
    public async Task Invalid_Unicode_in_a_request_is_a_400_with_a_JSON_body(string what, string body, string code)
    {
        using var response = await Server.SendRawAsync(HttpMethod.Post, body, "application/json", "application/graphql-response+json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {text}");
        var error = JsonNode.Parse(text)!["errors"]![0]!;
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]), what);
        Assert.Equal(code, (string?)error["extensions"]!["code"]);
        await AssertStillServing();
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_are_a_400_with_a_JSON_body()
    {
        using var content = new ByteArrayContent([.. "{\"query\":\"{ ans(a: \\\""u8, 0xC3, 0x28, 0xFF, .. "\\\") }\"}"u8]);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await Server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Equal("BAD_REQUEST", (string?)JsonNode.Parse(text)!["errors"]![0]!["extensions"]!["code"]);
        await AssertStillServing();
    }

    [Fact]
    public async Task A_deeply_nested_literal_over_GET_is_a_400_with_a_JSON_body_too()
    {
        // 1,000 deep fits in a URL; the parser stops at 128.
        var query = "{ ans(a: " + new string('[', 1000) + "1" + new string(']', 1000) + ") }";
        using var response = await Server.SendRawAsync(HttpMethod.Get, null, null, "application/graphql-response+json",
            "/graphql?query=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]);
    }

    [Theory]
    [InlineData("addArticle(title: $text, year: 2024) { dbId }", "title")]
    [InlineData("updateArticle(id: ARTICLE, title: $text) { dbId }", "title")]
    [InlineData("addAuthor(name: $text) { dbId }", "name")]
    [InlineData("updateAuthor(id: AUTHOR, name: $text) { dbId }", "name")]
    [InlineData("addAuthor(name: \"Ok\", email: $text) { dbId }", "email")]
    [InlineData("updateAuthor(id: AUTHOR, email: $text) { dbId }", "email")]
    public async Task Text_arguments_of_mutations_take_1_to_1000_characters(string field, string argument)
    {
        var author = (int)(await Server.PostAsync("""mutation { addAuthor(name: "Limits") { dbId } }"""))["data"]!["addAuthor"]!["dbId"]!;
        var article = (int)(await Server.PostAsync("""mutation { addArticle(title: "Limits") { dbId } }"""))["data"]!["addArticle"]!["dbId"]!;
        var mutation = "mutation($text: String!) { " + field.Replace("AUTHOR", author.ToString()).Replace("ARTICLE", article.ToString()) + " }";
        foreach (var bad in new[] { "", new string('x', 1001) })
        {
            var answer = await Server.PostAsync(mutation, new { text = bad });
            var error = answer["errors"]![0]!;
            Assert.Equal("BAD_ARGUMENT", (string?)error["extensions"]!["code"]);
            Assert.Contains($"'{argument}'", (string?)error["message"]);
            Assert.Contains("1 to 1000 characters", (string?)error["message"]);
        }
        var fine = await Server.PostAsync(mutation, new { text = new string('y', 1000) });
        Assert.Null(fine["errors"]);
    }

    [Fact]
    public async Task A_twenty_megabyte_title_is_refused_without_naming_the_storage_or_the_runtime()
    {
        var body = new JsonObject
        {
            ["query"] = "mutation($t: String) { addArticle(title: $t) { dbId } }",
            ["variables"] = new JsonObject { ["t"] = new string('x', 20 * 1024 * 1024) },
        }.ToJsonString();
        using var response = await Server.SendRawAsync(HttpMethod.Post, body, "application/json", "application/graphql-response+json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{response.StatusCode}: {text}");
        Assert.NotNull(JsonNode.Parse(text)!["errors"]);
        foreach (var internals in new[] { "ORLEANS", "LITE", "Orleans", "LiteDB", "Exception" })
            Assert.DoesNotContain(internals, text);
        await AssertStillServing();
    }

    private async Task<string> RequestErrorAsync(string query)
    {
        using var response = await Server.SendRawAsync(HttpMethod.Post, new JsonObject { ["query"] = query }.ToJsonString(),
            "application/json", "application/graphql-response+json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        return (string)JsonNode.Parse(text)!["errors"]![0]!["message"]!;
    }

    private async Task AssertStillServing()
    {
        var answer = await Server.PostAsync("{ authors(id: 2) { name } }");
        Assert.Equal("Wang Ming", (string?)answer["data"]!["authors"]!["name"]);
    }
}
