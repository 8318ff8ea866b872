using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.GraphQL.Ide;

/// <summary>
/// The GraphiQL IDE, served entirely by ActorChat: the page and its vendored assets are embedded in this
/// assembly (see Ide/assets/README.md), so a browser needs no CDN and no network beyond this server.
/// </summary>
public sealed class GraphiQLPage
{
    private const string ResourcePrefix = "ActorChat.WebFront.GraphQL.Ide.";
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary();

    private readonly byte[] _page;
    private readonly FrozenDictionary<string, byte[]> _assets;

    public GraphiQLPage(IOptions<GraphQLOptions> options)
    {
        var path = options.Value.Path;
        AssetsPath = path.TrimEnd('/') + "/ide";
        var assembly = typeof(GraphiQLPage).Assembly;
        _page = System.Text.Encoding.UTF8.GetBytes(Read(assembly, "index.html")
            .Replace("{{ASSETS}}", AssetsPath, StringComparison.Ordinal)
            .Replace("{{ENDPOINT}}", path, StringComparison.Ordinal));
        _assets = ContentTypes.Keys
            .SelectMany(extension => assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix + "assets.", StringComparison.Ordinal) && n.EndsWith(extension, StringComparison.Ordinal)))
            .ToFrozenDictionary(n => n[(ResourcePrefix + "assets.").Length..], n => ReadBytes(assembly, n));
    }

    /// <summary>Where the IDE's scripts and styles are served, under the GraphQL path.</summary>
    public string AssetsPath { get; }

    public async Task WriteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.Body.WriteAsync(_page, http.RequestAborted);
    }

    public async Task WriteAssetAsync(HttpContext http, string file)
    {
        if (!_assets.TryGetValue(file, out var content))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = ContentTypes[Path.GetExtension(file)];
        // The file names carry no version, but they change only with a deploy; a day is a fair compromise.
        http.Response.Headers.CacheControl = "public, max-age=86400";
        await http.Response.Body.WriteAsync(content, http.RequestAborted);
    }

    private static string Read(Assembly assembly, string name) => System.Text.Encoding.UTF8.GetString(ReadBytes(assembly, ResourcePrefix + name));

    private static byte[] ReadBytes(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The IDE resource {name} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
