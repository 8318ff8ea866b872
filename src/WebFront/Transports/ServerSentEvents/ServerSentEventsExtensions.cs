using ActorChat.Hosting;
using ActorChat.Hosting.Configuration;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Transports.ServerSentEvents;

/// <summary>Adds the Server-Sent Events endpoint to the web front: two lines in the app builder.</summary>
public static class ServerSentEventsExtensions
{
    public static IServiceCollection AddActorChatServerSentEvents(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ConfigurationCheck.Load<ServerSentEventsOptions>(configuration, ServerSentEventsOptions.Section);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<ServerSentEventEncoder>();
        services.AddSingleton<ServerSentEventsEndpoint>();
        return services;
    }

    /// <summary>Maps <c>GET /sse</c> (namespace <c>/</c>) and <c>GET /sse/{name}</c> (namespace <c>/{name}</c>).</summary>
    public static IEndpointRouteBuilder MapActorChatServerSentEvents(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<ServerSentEventsOptions>>().Value.Enabled) return endpoints;
        endpoints.MapGet("/sse", (HttpContext http, ServerSentEventsEndpoint sse) => sse.HandleAsync(http, "/")).ServedAs("Server-Sent Events");
        endpoints.MapGet("/sse/{**name}", (HttpContext http, string name, ServerSentEventsEndpoint sse) => sse.HandleAsync(http, "/" + name)).ServedAs("Server-Sent Events");
        return endpoints;
    }
}
