using System.Net;
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

        var references = AssetReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
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
    public async Task An_unknown_asset_is_404()
    {
        using var response = await fixture.Server.Client.GetAsync("/graphql/ide/nope.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex AssetReference();
}
