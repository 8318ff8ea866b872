using ActorChat.Hosting.Configuration;
using ActorChat.WebFront.Api;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Transports.SignalR;
using ActorChat.WebFront.Transports.WebSockets;
using Microsoft.Extensions.Options;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Cluster;
using ActorChat.WebFront.Realtime.Admission;

namespace ActorChat.WebFront.Realtime;

/// <summary>Registers namespaces: <c>services.AddActorChatRealtime(config).AddNamespace&lt;ChatNamespace&gt;("/chat")</c>.</summary>
public sealed class RealtimeBuilder(IServiceCollection services)
{
    public RealtimeBuilder AddNamespace<THandler>(string name) where THandler : NamespaceHandler
    {
        if (!Names.IsValidNamespace(name))
            throw new InvalidConfigurationException($"The namespace '{name}' must be '/' or '/' followed by letters, digits, '_', '-', '.' or '/'.");
        services.AddSingleton(new NamespaceRegistration(name, typeof(THandler)));
        return this;
    }
}

public static class RealtimeHosting
{
    public static RealtimeBuilder AddActorChatRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        var realtime = ConfigurationCheck.Load<RealtimeOptions>(configuration, RealtimeOptions.Section);
        services.AddSingleton(Options.Create(realtime));
        services.AddActorChatFront(configuration);

        services.AddSingleton<LocalConnections>();
        services.AddSingleton<DeliveryLanes>();
        services.AddSingleton<IRealtimeServer, RealtimeServer>();
        services.AddSingleton<NamespaceRegistry>();
        services.AddSingleton<EventPipeline>();
        services.AddSingleton(OriginPolicy.FromConfiguration(configuration, HostingEnvironment.IsDevelopment(configuration)));
        services.AddSingleton<IUserIdentityResolver, AnonymousUserResolver>();
        services.AddSingleton<ConnectionAdmission>();

        services.AddSingleton<EnvelopeEncoder>();
        services.AddSingleton<EchoEndpoint>();
        services.AddSingleton<WebSocketEventEndpoint>();
        services.AddSingleton<HubArgsEncoder>();
        services.AddSignalR(o => o.MaximumReceiveMessageSize = realtime.MaxMessageBytes)
            .AddJsonProtocol()
            .AddMessagePackProtocol();
        return new RealtimeBuilder(services);
    }

    /// <summary>Maps the echo route, the raw WebSocket and SignalR endpoints, and the HTTP API.</summary>
    public static WebApplication MapActorChatRealtime(this WebApplication app)
    {
        app.UseWebSockets();
        app.Map("/test", (HttpContext http, EchoEndpoint echo) => echo.HandleAsync(http));
        app.Map("/ws", (HttpContext http, WebSocketEventEndpoint ws) => ws.HandleAsync(http, "/"));
        app.Map("/ws/{**name}", (HttpContext http, string name, WebSocketEventEndpoint ws) => ws.HandleAsync(http, "/" + name));

        var admission = app.Services.GetRequiredService<ConnectionAdmission>();
        app.MapHub<RealtimeHub>("/hubs/chat");
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments("/hubs/chat"),
            branch => branch.Use(SignalRNamespaceGate.For(admission)));
        app.MapRealtimeApi();

        var origins = app.Services.GetRequiredService<OriginPolicy>();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "ActorChat admits browser pages from {Origins} ({Key}){Development}", origins, OriginPolicy.Key,
            HostingEnvironment.IsDevelopment(app.Configuration) ? " because this is the Development environment" : ""));
        return app;
    }
}
