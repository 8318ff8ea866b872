using Microsoft.Net.Http.Headers;

namespace ActorChat.WebFront.GraphQL.Http;

/// <summary>Media types of GraphQL over HTTP and the choice of response type from a request's Accept header.</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string Html = "text/html";

    /// <summary>
    /// The response media type for an Accept header, or null when the client accepts neither. No Accept at all
    /// means a legacy client, answered with application/json as the spec advises.
    /// </summary>
    public static string? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return Json;
        if (!MediaTypeHeaderValue.TryParseList([accept], out var ranges)) return Json;
        foreach (var range in ranges.Where(r => r.Quality is not 0).OrderByDescending(r => r.Quality ?? 1))
        {
            if (range.MediaType.Equals(GraphQLResponse, StringComparison.OrdinalIgnoreCase)) return GraphQLResponse;
            if (range.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)) return Json;
            if (range.MediaType.Equals("*/*", StringComparison.Ordinal) || range.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase))
                return GraphQLResponse;
        }
        return null;
    }

    /// <summary>Whether a browser is asking for a page (the IDE) rather than for data.</summary>
    public static bool WantsHtml(string? accept) =>
        accept is not null && MediaTypeHeaderValue.TryParseList([accept], out var ranges)
        && ranges.Any(r => r.MediaType.Equals(Html, StringComparison.OrdinalIgnoreCase) && r.Quality is not 0);

    /// <summary>POST bodies must be JSON; a charset other than UTF-8 is refused too.</summary>
    public static bool IsJsonBody(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
