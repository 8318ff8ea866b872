using ActorChat.Hosting;
using ActorChat.Hosting.Configuration;
using ActorChat.Realtime;
using ActorChat.WebFront.Api;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Namespaces;
using ActorChat.WebFront.GraphQL;
using ActorChat.WebFront.Transports.SignalR;
using ActorChat.WebFront.Transports.WebSockets;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Cluster;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Recovery;

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
    /// <summary>The CORS policy of the HTTP API and GraphQL, built from <see cref="OriginPolicy"/>.</summary>
    public const string CorsPolicy = "ActorChat";

    private const string SignalRDispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public static RealtimeBuilder AddActorChatRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        var realtime = ConfigurationCheck.Load<RealtimeOptions>(configuration, RealtimeOptions.Section);
        services.AddSingleton(Options.Create(realtime));
        services.AddActorChatFront(configuration);
        var limits = ConfigurationCheck.Load<LimitsOptions>(configuration, LimitsOptions.Section);
        services.AddSingleton(Options.Create(limits));
        var recovery = ConfigurationCheck.Load<RecoveryOptions>(configuration, RecoveryOptions.Section);
        services.AddSingleton(Options.Create(recovery));
        // A client that trickles its request headers, or never finishes a hub handshake, is dropped.
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.RequestHeadersTimeout = limits.HandshakeTimeout);
        services.AddSingleton<ApiCallers>();

        services.AddSingleton<LocalConnections>();
        services.AddSingleton<DeliveryLanes>();
        services.AddSingleton<IRealtimeServer, RealtimeServer>();
        services.AddSingleton<NamespaceRegistry>();
        services.AddSingleton<EventPipeline>();
        services.AddSingleton<Sessions>();
        services.AddSingleton<SessionRenewal>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionRenewal>());
        var origins = OriginPolicy.FromConfiguration(configuration, HostingEnvironment.IsDevelopment(configuration));
        services.AddSingleton(origins);
        services.AddActorChatAuthentication(configuration);
        services.AddSingleton(Options.Create(ConfigurationCheck.Load<ChatOptions>(configuration, ChatOptions.Section)));
        services.AddSingleton<ConnectionAdmission>();
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .SetIsOriginAllowed(origin => origins.AllowsCrossOrigin(origin))
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", "Authorization", RealtimeApi.ApiKeyHeader, "Accept")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<EnvelopeEncoder>();
        services.AddSingleton<EchoEndpoint>();
        services.AddSingleton<WebSocketEventEndpoint>();
        services.AddSingleton<HubArgsEncoder>();
        services.AddSingleton<SignalRLifetime>();
        services.AddSingleton<HubLifetimeManager<RealtimeHub>>(sp => sp.GetRequiredService<SignalRLifetime>());
        // A RealtimeHub method throws only for a client's mistake (an event that was not acknowledged, already
        // told to the client and logged as one line by the pipeline); SignalR would log each at Error with a stack.
        services.AddLogging(logging => logging.AddFilter(SignalRDispatcherCategory, LogLevel.Critical));
        services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = realtime.MaxMessageBytes;
                o.HandshakeTimeout = limits.HandshakeTimeout;
            })
            .AddJsonProtocol()
            .AddMessagePackProtocol();
        return new RealtimeBuilder(services);
    }

    /// <summary>Maps the echo route, the raw WebSocket and SignalR endpoints, and the HTTP API.</summary>
    public static WebApplication MapActorChatRealtime(this WebApplication app)
    {
        app.UseWebSockets();
        app.Map("/test", (HttpContext http, EchoEndpoint echo) => echo.HandleAsync(http)).ServedAs("echo", webSocket: true);
        app.Map("/ws", (HttpContext http, WebSocketEventEndpoint ws) => ws.HandleAsync(http, "/")).ServedAs("WebSocket", webSocket: true);
        app.Map("/ws/{**name}", (HttpContext http, string name, WebSocketEventEndpoint ws) => ws.HandleAsync(http, "/" + name)).ServedAs("WebSocket", webSocket: true);

        var admission = app.Services.GetRequiredService<ConnectionAdmission>();
        // Stateful reconnect: a client that asks for it (withStatefulReconnect) survives a blip on the same front unnoticed.
        app.MapHub<RealtimeHub>("/hubs/chat", hub => hub.AllowStatefulReconnects = true).ServedAs("SignalR");
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments("/hubs/chat"),
            branch => branch.Use(SignalRNamespaceGate.For(admission, app.Services.GetRequiredService<OriginPolicy>())));
        app.MapRealtimeApi();
        // The one origin list answers CORS for the HTTP API and GraphQL (preflights included), as it admits upgrades.
        var graphql = app.Services.GetService<IOptions<GraphQLOptions>>()?.Value.Path ?? "/graphql";
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments(graphql),
            branch => branch.UseCors(CorsPolicy));

        var origins = app.Services.GetRequiredService<OriginPolicy>();
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var development = HostingEnvironment.IsDevelopment(app.Configuration);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            app.Logger.LogInformation("ActorChat admits browser pages from {Origins} ({Key}){Development}", origins, OriginPolicy.Key,
                development && !app.Configuration.GetSection(OriginPolicy.Key).Exists() ? ", because this is the Development environment" : "");
            if (auth.Mode == AuthMode.Anonymous)
                app.Logger.LogWarning("ActorChat runs without authentication{Why}: a client is whichever user its 'user' query parameter names. Set {Section}:Mode=Jwt to require tokens.",
                    development ? " because this is the Development environment" : " (ActorChat:Auth:AllowAnonymous=true)", AuthOptions.Section);
            else
                app.Logger.LogInformation("ActorChat requires JWT bearer tokens from issuer {Issuer} for audience {Audience}", auth.Jwt.Issuer, auth.Jwt.Audience);
        });
        return app;
    }
}
