using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ActorChat.Silo.Storage;
using ActorChat.WebFront.GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;

namespace ActorChat.GraphQL.Tests;

/// <summary>
/// A real Kestrel server on a free loopback port with a co-hosted silo, configured the way the app is:
/// <c>AddActorChatStorage</c>, <c>AddActorChatGraphQL</c>, <c>MapActorChatGraphQL</c>.
/// </summary>
public sealed class GraphQLTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GraphQLTestServer(WebApplication app, GrainCallCounter calls)
    {
        _app = app;
        Calls = calls;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Client { get; }
    public GrainCallCounter Calls { get; }
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<GraphQLTestServer> StartAsync(string dataFolder, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ActorChat:Storage:Provider"] = "Embedded",
            ["ActorChat:Storage:Embedded:DataFolder"] = dataFolder,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort()}");
        var calls = new GrainCallCounter();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort())
            .AddActorChatStorage(builder.Configuration)
            .AddOutgoingGrainCallFilter(context =>
            {
                calls.Record(context);
                return context.Invoke();
            }));
        builder.Services.AddActorChatGraphQL(builder.Configuration);
        var app = builder.Build();
        app.MapActorChatGraphQL();
        await app.StartAsync();
        return new GraphQLTestServer(app, calls);
    }

    public static async Task<GraphQLTestServer> StartSeededAsync(string dataFolder)
    {
        var server = await StartAsync(dataFolder);
        await SampleData.LoadAsync(server.Grains);
        return server;
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
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Counts ActorChat grain calls that start outside any grain: the front's round trips into the cluster.</summary>
public sealed class GrainCallCounter
{
    private readonly ConcurrentQueue<string> _fromFront = new();

    public void Record(IOutgoingGrainCallContext context)
    {
        // Orleans' own background calls (membership and the like) are not the front's doing.
        if (context.SourceContext is null && context.InterfaceName.StartsWith("ActorChat.", StringComparison.Ordinal))
            _fromFront.Enqueue($"{context.InterfaceName}.{context.MethodName}");
    }

    public void Reset() => _fromFront.Clear();

    public IReadOnlyList<string> FromFront => _fromFront.ToArray();
}

/// <summary>A seeded server in a throwaway data folder, shared by the tests of one class.</summary>
public sealed class SeededServerFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actorchat-graphql-").FullName;

    public GraphQLTestServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await GraphQLTestServer.StartSeededAsync(_folder);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
