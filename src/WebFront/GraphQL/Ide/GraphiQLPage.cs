namespace ActorChat.WebFront.GraphQL.Ide;

/// <summary>Placeholder until the IDE assets land.</summary>
public sealed class GraphiQLPage
{
    public Task WriteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync("<!doctype html><title>ActorChat GraphQL</title>");
    }
}
