using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ActorChat.Testing;
using ActorChat.WebFront.GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace ActorChat.GraphQL.Tests;

/// <summary>
/// The real ActorChat app (<see cref="ActorChatServer"/>: Kestrel on loopback, embedded silo, embedded store in a
/// throwaway folder) with a grain call counter, and helpers to speak GraphQL to it.
/// </summary>
public sealed class GraphQLTestServer : IAsyncDisposable
{
    private readonly ActorChatServer _server;

    private GraphQLTestServer(ActorChatServer server, GrainCallCounter calls)
    {
        _server = server;
        Calls = calls;
        Client = new HttpClient { BaseAddress = server.BaseUri };
    }

    public HttpClient Client { get; }
    public ActorChatServer App => _server;
    public GrainCallCounter Calls { get; }
    public IGrainFactory Grains => _server.Get<IGrainFactory>();

    /// <param name="settings">Extra configuration, such as <c>ActorChat:GraphQL:MaxTextLength</c>.</param>
    /// <param name="services">Adds to the app's services (which the silo shares), such as a grain call filter.</param>
    public static async Task<GraphQLTestServer> StartSeededAsync(IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var calls = new GrainCallCounter();
        // The silo shares the app's services, so a filter registered here sees every grain call.
        var server = await ActorChatServer.StartAsync(settings, (app, _) =>
        {
            app.Services.AddSingleton<IOutgoingGrainCallFilter>(calls);
            services?.Invoke(app.Services);
        });
        await SampleData.LoadAsync(server.Get<IGrainFactory>());
        return new GraphQLTestServer(server, calls);
    }

    /// <summary>POSTs a query and returns the whole response body as JSON.</summary>
    public async Task<JsonNode> PostAsync(string query, object? variables = null)
    {
        using var response = await SendAsync(query, variables);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public Task<HttpResponseMessage> SendAsync(string query, object? variables = null, string accept = "application/graphql-response+json")
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null) body["variables"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(variables));
        return SendRawAsync(HttpMethod.Post, body.ToJsonString(), "application/json", accept);
    }

    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string? body, string? contentType, string? accept, string path = "/graphql")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
    }
}

/// <summary>Counts ActorChat grain calls that start outside any grain: the front's round trips into the cluster.</summary>
public sealed class GrainCallCounter : IOutgoingGrainCallFilter
{
    private readonly ConcurrentQueue<string> _fromFront = new();

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        // Orleans' own background calls (membership and the like) are not the front's doing.
        if (context.SourceContext is null && context.InterfaceName.StartsWith("ActorChat.", StringComparison.Ordinal))
            _fromFront.Enqueue($"{context.InterfaceName}.{context.MethodName}");
        return context.Invoke();
    }

    public void Reset() => _fromFront.Clear();

    public IReadOnlyList<string> FromFront => _fromFront.ToArray();
}

/// <summary>A seeded server shared by the tests of one class.</summary>
public sealed class SeededServerFixture : IAsyncLifetime
{
    public GraphQLTestServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await GraphQLTestServer.StartSeededAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
