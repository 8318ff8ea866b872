using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace ActorChat.WebFront.Hosting;

/// <summary>
/// Files embedded in this assembly under one logical folder (the csproj gives each resource the
/// <c>LogicalName</c> <c>folder/relative/path</c>), served with their content type and an ETag. Pages
/// served this way (the chat page, GraphiQL) work from any working directory and with no CDN.
/// </summary>
public sealed class EmbeddedFiles
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly FrozenDictionary<string, File> _files;

    /// <param name="folder">The logical folder, for example <c>chatpage</c>.</param>
    /// <param name="substitutions">Text replaced in <c>.html</c> files when they are loaded, such as <c>{{ASSETS}}</c>.</param>
    public EmbeddedFiles(string folder, IReadOnlyDictionary<string, string>? substitutions = null)
    {
        var assembly = typeof(EmbeddedFiles).Assembly;
        var prefix = folder + "/";
        _files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[prefix.Length..], name => Load(assembly, name, substitutions));
        if (_files.Count == 0) throw new InvalidOperationException($"No files are embedded under '{folder}'; the build lost them.");
    }

    public bool Contains(string path) => _files.ContainsKey(path);

    /// <summary>Writes one file, 404 when there is none, 304 when the client's copy is current.</summary>
    public async Task WriteAsync(HttpContext http, string path, string cacheControl = "no-cache")
    {
        if (!_files.TryGetValue(path, out var file))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.Headers.ETag = file.ETag;
        // The names carry no version, so browsers revalidate (cheaply, by ETag) unless a caller says otherwise.
        http.Response.Headers.CacheControl = cacheControl;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (http.Request.Headers.IfNoneMatch == file.ETag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.ContentType = file.ContentType;
        http.Response.ContentLength = file.Content.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(file.Content, http.RequestAborted);
    }

    private static File Load(Assembly assembly, string name, IReadOnlyDictionary<string, string>? substitutions)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        if (substitutions is not null && name.EndsWith(".html", StringComparison.Ordinal))
        {
            var text = System.Text.Encoding.UTF8.GetString(content);
            foreach (var (key, value) in substitutions) text = text.Replace(key, value, StringComparison.Ordinal);
            content = System.Text.Encoding.UTF8.GetBytes(text);
        }
        if (!ContentTypes.TryGetContentType(name, out var type)) type = "application/octet-stream";
        if (type.StartsWith("text/", StringComparison.Ordinal) || type == "application/javascript") type += "; charset=utf-8";
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexString(SHA256.HashData(content), 0, 8) + "\"");
        return new File(content, type, etag.ToString());
    }

    private sealed record File(byte[] Content, string ContentType, string ETag);
}
