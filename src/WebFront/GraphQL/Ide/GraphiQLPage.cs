using ActorChat.WebFront.Hosting;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.GraphQL.Ide;

/// <summary>
/// The GraphiQL IDE, served entirely by ActorChat: the page and its vendored assets are embedded in this
/// assembly (see Ide/assets/README.md), so a browser needs no CDN and no network beyond this server.
/// </summary>
public sealed class GraphiQLPage
{
    private readonly EmbeddedFiles _files;

    public GraphiQLPage(IOptions<GraphQLOptions> options)
    {
        var path = options.Value.Path;
        AssetsPath = path.TrimEnd('/') + "/ide";
        _files = new EmbeddedFiles("graphiql", new Dictionary<string, string>
        {
            ["{{ASSETS}}"] = AssetsPath,
            ["{{ENDPOINT}}"] = path,
        });
    }

    /// <summary>Where the IDE's scripts and styles are served, under the GraphQL path.</summary>
    public string AssetsPath { get; }

    public Task WriteAsync(HttpContext http) => _files.WriteAsync(http, "index.html");

    // The file names carry no version, but they change only with a deploy; a day is a fair compromise.
    public Task WriteAssetAsync(HttpContext http, string file) => _files.WriteAsync(http, "assets/" + file, "public, max-age=86400");
}
