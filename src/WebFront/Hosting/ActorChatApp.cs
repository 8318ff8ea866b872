using ActorChat.Silo;
using ActorChat.WebFront.ChatPage;
using ActorChat.WebFront.GraphQL;
using ActorChat.WebFront.Namespaces;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Transports.SocketIO;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorChat.WebFront.Hosting;

/// <summary>
/// Builds the whole system in one process: an embedded silo, the web front with its namespaces,
/// and the dashboard. <c>Program</c> runs it; tests start it on loopback.
/// </summary>
public static class ActorChatApp
{
    /// <param name="args">Command-line arguments (configuration switches such as <c>--urls</c>).</param>
    /// <param name="extend">Adds to the default server, for example more namespaces.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder, RealtimeBuilder>? extend = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseActorChatProtocols();
        var silo = builder.AddActorChatSilo();
        var realtime = builder.Services.AddActorChatRealtime(builder.Configuration)
            .AddNamespace<ChatNamespace>("/")
            .AddNamespace<ChatNamespace>("/chat")
            .AddNamespace<SocketTestNamespace>("/socketTest");
        builder.Services.AddActorChatSocketIO(builder.Configuration);
        builder.Services.AddActorChatGraphQL(builder.Configuration);
        extend?.Invoke(builder, realtime);

        var app = builder.Build();
        app.MapActorChatRealtime();
        app.MapActorChatSocketIO();
        app.MapActorChatGraphQL();
        app.MapActorChatDashboard(silo);
        app.MapActorChatPage();
        app.Lifetime.ApplicationStarted.Register(() => ReportAddresses(app, silo));
        return app;
    }

    /// <summary>The addresses Kestrel actually bound (port 0 becomes a real port).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static void ReportAddresses(WebApplication app, SiloOptions silo)
    {
        foreach (var address in Addresses(app))
        {
            var ws = address.Replace("http", "ws", StringComparison.Ordinal);
            app.Logger.LogInformation(
                "ActorChat is serving {Address}: chat page {Address}/, WebSocket {Ws}/ws and {Ws}/test, SignalR {Address}/hubs/chat, Socket.IO {Address}/socket.io/, API {Address}/api, GraphQL {Address}/graphql{Dashboard}",
                address, address, ws, ws, address, address, address, address, silo.Dashboard ? $", dashboard {address}/dashboard" : "");
        }
    }
}
