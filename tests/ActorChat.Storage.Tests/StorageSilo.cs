using Microsoft.Extensions.Logging;
using ActorChat.Silo.Storage;
using ActorChat.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Providers;
using Orleans.Storage;

namespace ActorChat.Storage.Tests;

/// <summary>A real one-silo host configured only through <see cref="StorageHostingExtensions.AddActorChatStorage"/>.</summary>
public sealed class StorageSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private StorageSilo(IHost host) => _host = host;

    public IGrainStorage Storage => _host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    public static async Task<StorageSilo> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var host = Host.CreateDefaultBuilder()
            .UseOrleans(silo => silo
                .UseLocalhostClustering(FreePort.Next(), FreePort.Next())
                .AddActorChatStorage(configuration, AppContext.BaseDirectory, clustered: false))
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new StorageSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
