using ActorChat.Hosting;
using ActorChat.Hosting.Configuration;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.Extensions.Options;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>Adds the Socket.IO endpoint to the web front: two lines in the app builder.</summary>
public static class SocketIOExtensions
{
    /// <summary>
    /// Registers the Socket.IO transport with <c>ActorChat:SocketIO</c>; a bad option stops start-up with
    /// an <see cref="InvalidConfigurationException"/> naming it. Needs the realtime core registered too.
    /// </summary>
    public static IServiceCollection AddActorChatSocketIO(this IServiceCollection services, IConfiguration configuration)
    {
        // The origin list is shared by every transport and CORS now; an old setting must not be silently ignored.
        if (configuration.GetSection($"{SocketIOOptions.Section}:AllowedOrigins").Exists())
            throw new InvalidConfigurationException($"{SocketIOOptions.Section}:AllowedOrigins is now {OriginPolicy.Key}, one list for every transport and CORS.");
        var options = ConfigurationCheck.Load<SocketIOOptions>(configuration, SocketIOOptions.Section);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<PollingTransport>();
        services.AddSingleton<WebSocketTransport>();
        services.AddSingleton<SocketEventEncoders>();
        services.AddSingleton<SocketIOApplication>();
        return services;
    }

    /// <summary>Maps the Socket.IO endpoint at the configured path (needs <c>UseWebSockets()</c> earlier in the pipeline).</summary>
    public static IEndpointConventionBuilder? MapActorChatSocketIO(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SocketIOOptions>>().Value;
        if (!options.Enabled) return null;
        return endpoints.MapEngineIO(options.Path, options, endpoints.ServiceProvider.GetRequiredService<SocketIOApplication>()).ServedAs("Socket.IO");
    }

    /// <summary>Maps a bare Engine.IO endpoint running <paramref name="application"/> (Socket.IO, or a test's echo).</summary>
    public static IEndpointConventionBuilder MapEngineIO(this IEndpointRouteBuilder endpoints, string path, SocketIOOptions options, IEngineApplication application)
    {
        // Each endpoint has its own sessions: a sid is only ever valid at the path that issued it.
        var sessions = new EngineSessionStore();
        var endpoint = ActivatorUtilities.CreateInstance<EngineEndpoint>(endpoints.ServiceProvider, options, application, sessions);
        // Pending long-polling GETs would hold shutdown for its whole timeout: closing the sessions answers them.
        endpoints.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() =>
        {
            foreach (var session in sessions.All) session.Close("server shutting down");
        });
        return endpoints.Map(path, endpoint.HandleAsync);
    }
}
