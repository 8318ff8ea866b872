using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChat.Testing;
using CsCheck;

namespace ActorChat.GraphQL.Tests;

/// <summary>
/// Seeded, bounded fuzzing of the GraphQL request path over real HTTP: bodies of GraphQL fragments inside JSON, and
/// raw bytes. Every request gets an answer in GraphQL's own form (200 with data or errors, or a 4xx with a JSON
/// <c>errors</c> list), never a server error, and the server keeps serving.
/// </summary>
public sealed class RequestFuzzTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    // Read-only pieces: a mutation here would change rows other tests of the fixture read.
    private static readonly string[] Pieces =
    [
        "{", "}", "(", ")", "[", "]", ":", ",", "...", "@skip(if: true)", "@include(if: $v)", "$v", "query", "subscription",
        "fragment f on Query", "on", "ans", "a:", "\"x\"", "\"\\udc00\"", "\"\\u12\"", "\"\"\"block\"\"\"", "1e999", "-0", "null",
        "authors", "(id: 2)", "name", "articles", "title", "__typename", "__schema", "#", "\n", " ", "\ud800", "é", "😀", "\u0000",
    ];

    private static readonly Gen<string> Query = Gen.OneOf(Pieces).Array[0, 40].Select(parts => string.Concat(parts));

    private static readonly Gen<string> Body = Gen.OneOf(
        Query.Select(query => JsonSerializer.Serialize(new { query })),
        Gen.Select(Query, FuzzText.Soup, (query, variables) => $"{{\"query\":{JsonSerializer.Serialize(query)},\"variables\":{variables}}}"),
        FuzzText.Text);

    [Fact]
    public async Task Any_request_body_gets_a_GraphQL_answer_and_never_a_server_error()
    {
        Body.Sample(body =>
        {
            using var response = fixture.Server.SendRawAsync(HttpMethod.Post, body, "application/json", "application/graphql-response+json")
                .GetAwaiter().GetResult();
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {body}: {text}");
            var answer = JsonNode.Parse(text)!.AsObject();
            Assert.True(answer.ContainsKey("data") || answer["errors"] is JsonArray { Count: > 0 }, $"{body}: {text}");
            if (response.StatusCode != HttpStatusCode.OK) Assert.True(answer["errors"] is JsonArray { Count: > 0 }, $"{body}: {text}");
        }, seed: FuzzText.Seed, iter: 500, threads: 1);

        var still = await fixture.Server.PostAsync("{ authors(id: 2) { name } }");
        Assert.Equal("Wang Ming", (string?)still["data"]!["authors"]!["name"]);
    }
}
