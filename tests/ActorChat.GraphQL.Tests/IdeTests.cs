using System.Net;
using System.Text.Json;
using ActorChat.Testing;
using System.Text.RegularExpressions;

namespace ActorChat.GraphQL.Tests;

/// <summary>A browser opening /graphql gets GraphiQL, with every script and style served by ActorChat itself.</summary>
public sealed partial class IdeTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    [Fact]
    public async Task A_browser_gets_GraphiQL_whose_assets_all_come_from_this_server()
    {
        var client = fixture.Server.Client;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var page = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("GraphiQL", html);

        // Every script and style; the icon is an empty data: URL, so the browser asks nothing for it.
        var references = AssetReference().Matches(html).Select(m => m.Groups[1].Value).Where(r => !r.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, references.Count);
        foreach (var reference in references)
        {
            Assert.StartsWith("/graphql/ide/", reference);
            using var asset = await client.GetAsync(reference, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.True((await asset.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 5000, reference);
        }
    }

    [Fact]
    public async Task The_schema_query_IDEs_send_is_answered_despite_its_depth()
    {
        // GraphiQL's introspection query nests type references through ofType, deeper than data queries may go.
        const string introspection = """
            query IntrospectionQuery { __schema { queryType { name } mutationType { name } types { ...FullType } } }
            fragment FullType on __Type { kind name fields(includeDeprecated: true) { name args { ...InputValue } type { ...TypeRef } } }
            fragment InputValue on __InputValue { name type { ...TypeRef } defaultValue }
            fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType {
              kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
            """;
        using var response = await fixture.Server.SendAsync(introspection);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain("\"errors\"", body);
        Assert.Contains("\"AuthorsNode\"", body);
    }

    [Fact]
    public async Task Recursive_introspection_is_still_refused()
    {
        const string bomb = "{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } } } }";
        using var response = await fixture.Server.SendAsync(bomb);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("too complex", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GraphiQL_runs_a_subscription_and_shows_what_it_hears()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "/usr/bin/chromium is missing: scripts/test installs Debian's chromium package.");
        var shots = Directory.CreateTempSubdirectory("actorchat-graphiql-").FullName;
        var heard = "";
        JsonElement line;
        try
        {
            await using var browser = NodeClient.Start("graphiql-subscription.mjs", fixture.Server.App.BaseUri.ToString(), shots);
            while (!(line = await browser.NextLineAsync(TimeSpan.FromSeconds(90))).TryGetProperty("done", out _))
                if (line.TryGetProperty("response", out var response)) heard = response.GetString()!;
        }
        finally
        {
            Directory.Delete(shots, recursive: true);
        }
        Assert.True(line.GetProperty("done").GetBoolean(), line.ToString());
        Assert.True(line.GetProperty("problems").GetArrayLength() == 0, line.ToString());
        Assert.Contains("Seen in GraphiQL", heard);
        Assert.Contains("articleAdded", heard);
    }

    [Fact]
    public async Task An_unknown_asset_is_404()
    {
        using var response = await fixture.Server.Client.GetAsync("/graphql/ide/nope.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex AssetReference();
}
