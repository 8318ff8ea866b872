using ActorChat.Hosting;
using ActorChat.WebFront.GraphQL;
using ActorChat.WebFront.Hosting;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.ChatPage;

/// <summary>
/// The chat page at <c>/</c>: a person picks a user name, a transport and a namespace, joins rooms and
/// chats. The page and its vendored clients (ChatPage/VENDORED.md) are embedded in this assembly and
/// served under <see cref="AssetsPath"/>, so it works offline and from any working directory.
/// </summary>
public static class ChatPageEndpoints
{
    public const string AssetsPath = "/ui";

    public static IEndpointRouteBuilder MapActorChatPage(this IEndpointRouteBuilder endpoints)
    {
        var graphql = endpoints.ServiceProvider.GetService<IOptions<GraphQLOptions>>()?.Value ?? new GraphQLOptions();
        var files = new EmbeddedFiles("chatpage", new Dictionary<string, string> { ["{{GRAPHQL}}"] = graphql.Path });
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapMethods("/", methods, http => files.WriteAsync(http, "index.html")).ServedAs("chat page");
        endpoints.MapMethods(AssetsPath + "/{**path}", methods, (HttpContext http, string path) => files.WriteAsync(http, path));
        return endpoints;
    }
}
