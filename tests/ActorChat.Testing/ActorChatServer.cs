using ActorChat.WebFront.Hosting;
using ActorChat.WebFront.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorChat.Testing;

/// <summary>
/// The real ActorChat app (embedded silo, Kestrel, every endpoint) on 127.0.0.1 with free ports,
/// started in this process and stopped on dispose.
/// </summary>
public sealed class ActorChatServer : IServerAddress, IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly string _dataFolder;

    private ActorChatServer(WebApplication app, Uri baseUri, string dataFolder)
    {
        _app = app;
        BaseUri = baseUri;
        _dataFolder = dataFolder;
    }

    public Uri BaseUri { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every address the server listens on, as Kestrel bound them.</summary>
    public IReadOnlyList<string> Addresses => ActorChatApp.Addresses(_app);

    public Uri Http(string path) => new(BaseUri, path);

    public Uri Ws(string path) => new(BaseUri.ToString().Replace("http://", "ws://") + path.TrimStart('/'));

    /// <summary>Starts a server; <paramref name="settings"/> are extra configuration values such as <c>ActorChat:Api:Key</c>.</summary>
    public static async Task<ActorChatServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null,
        Action<WebApplicationBuilder, RealtimeBuilder>? extend = null)
    {
        // Each server gets its own embedded store: one LiteDB file must not be opened by two silos.
        var dataFolder = Directory.CreateTempSubdirectory("actorchat-test-").FullName;
        var args = new List<string>
        {
            $"--ActorChat:Storage:Embedded:DataFolder={dataFolder}",
            "--urls", "http://127.0.0.1:0",
            $"--ActorChat:Silo:SiloPort={FreePort.Next()}",
            $"--ActorChat:Silo:GatewayPort={FreePort.Next()}",
            "--Logging:LogLevel:Default=Warning",
            // In-process servers run as Production (no environment is set): anonymous users must be allowed
            // explicitly. Tests of authentication set ActorChat:Auth:Mode=Jwt in their settings.
            "--ActorChat:Auth:AllowAnonymous=true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) args.Add($"--{key}={value}");

        var app = ActorChatApp.Build(args.ToArray(), extend);
        await app.StartAsync();
        // The first address is the Urls one; h2c addresses (ActorChat:Http2:PriorKnowledgeUrls) come after it.
        var address = ActorChatApp.Addresses(app).First();
        return new ActorChatServer(app, new Uri(address.TrimEnd('/') + "/"), dataFolder);
    }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dataFolder, recursive: true);
    }
}
