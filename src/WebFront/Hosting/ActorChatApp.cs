using ActorChat.Hosting;
using ActorChat.Hosting.Operations;
using ActorChat.WebFront.ChatPage;
using ActorChat.WebFront.GraphQL;
using ActorChat.WebFront.Namespaces;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Transports.Mqtt;
using ActorChat.WebFront.Transports.ServerSentEvents;
using ActorChat.WebFront.Transports.SocketIO;

namespace ActorChat.WebFront.Hosting;

/// <summary>
/// Builds a web front: in the <c>All</c> role with a silo in the same process (the one-command run),
/// in the <c>Front</c> role as an Orleans client of a Redis cluster. <c>Program</c> runs it; tests
/// start it on loopback.
/// </summary>
public static class ActorChatApp
{
    /// <param name="args">Command-line arguments (configuration switches such as <c>--urls</c>).</param>
    /// <param name="extend">Adds to the default server, for example more namespaces.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder, RealtimeBuilder>? extend = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseActorChatProtocols();
        var role = builder.AddActorChatProcess();

        var realtime = builder.Services.AddActorChatRealtime(builder.Configuration)
            .AddNamespace<ChatNamespace>("/")
            .AddNamespace<ChatNamespace>("/chat")
            .AddNamespace<SocketTestNamespace>("/socketTest");
        builder.Services.AddActorChatSocketIO(builder.Configuration);
        builder.Services.AddActorChatServerSentEvents(builder.Configuration);
        builder.Services.AddActorChatMqtt(builder.Configuration);
        builder.Services.AddActorChatGraphQL(builder.Configuration);
        extend?.Invoke(builder, realtime);

        var app = builder.Build();
        app.MapActorChatRealtime();
        app.MapActorChatSocketIO();
        app.MapActorChatServerSentEvents();
        app.MapActorChatMqtt();
        app.MapActorChatGraphQL();
        app.MapActorChatOperations();
        app.MapActorChatPage();
        ServedEndpoints.LogOnStart(app, role);
        return app;
    }

    /// <summary>The addresses Kestrel actually bound (port 0 becomes a real port).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) => ServedEndpoints.Addresses(app);
}
