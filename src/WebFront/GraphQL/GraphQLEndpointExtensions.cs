using ActorChat.Hosting;
using ActorChat.Hosting.Configuration;
using ActorChat.Publishing;
using ActorChat.WebFront.GraphQL.Documents;
using ActorChat.WebFront.GraphQL.EventModel;
using ActorChat.WebFront.GraphQL.Errors;
using ActorChat.WebFront.GraphQL.Execution;
using ActorChat.WebFront.GraphQL.Http;
using ActorChat.WebFront.GraphQL.Ide;
using ActorChat.WebFront.GraphQL.WebSockets;
using ActorChat.WebFront.Realtime;
using GraphQL;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.GraphQL;

public static class GraphQLEndpointExtensions
{
    /// <summary>
    /// The schema, executer, document cache, the HTTP and WebSocket endpoints, and the namespace article announcements
    /// travel in, with options from <c>ActorChat:GraphQL</c>.
    /// </summary>
    public static IServiceCollection AddActorChatGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ConfigurationCheck.Load<GraphQLOptions>(configuration, GraphQLOptions.Section);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<DocumentCache>();
        services.AddSingleton<QueryValidation>();
        services.AddSingleton<QueryDocuments>();
        services.AddSingleton<GraphQLRunner>();
        services.AddSingleton<GraphiQLPage>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<GraphQLWebSocketEndpoint>();
        services.AddSingleton<EventParser>();
        services.AddSingleton<RoomListeners>();
        services.AddSingleton<RoomEmitter>();
        new RealtimeBuilder(services).AddNamespace<PublishingNamespace>(PublishingEvents.Namespace);
        services.AddGraphQL(graphql => graphql
            .AddSchema<ActorChatSchema>()
            .AddGraphTypes(typeof(ActorChatSchema).Assembly)
            // Answers keep non-ASCII text (the tutorial's Chinese titles) as UTF-8 rather than \u escapes.
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            // A failure that is not a GraphQL error (a grain, the store, the runtime) reaches the client only as
            // INTERNAL with a correlation id; the exception goes to the log under the same id.
            .AddUnhandledExceptionHandler(context =>
            {
                // A GraphQL error a subscription's source stream ends with (a refusal, such as TOKEN_EXPIRED) is the client's to read.
                if (context.OriginalException is ExecutionError error)
                {
                    context.Exception = error;
                    return;
                }
                var logger = (context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)
                    .CreateLogger(typeof(ActorChatSchema));
                context.Exception = InternalError.Logged(logger, context.OriginalException,
                    context.FieldContext is { } field ? $"field {string.Join('.', field.Path)}" : null);
            }));
        return services;
    }

    /// <summary>Serves GraphQL (and the IDE for browsers) at the configured path, <c>/graphql</c> by default.</summary>
    public static IEndpointRouteBuilder MapActorChatGraphQL(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<GraphQLOptions>>().Value;
        endpoints.Map(options.Path, http => http.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(http)).ServedAs("GraphQL");
        if (options.Ide)
        {
            var ide = endpoints.ServiceProvider.GetRequiredService<GraphiQLPage>();
            endpoints.MapGet(ide.AssetsPath + "/{file}", (HttpContext http, string file) => ide.WriteAssetAsync(http, file));
        }
        return endpoints;
    }
}
