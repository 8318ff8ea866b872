using ActorChat.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using StackExchange.Redis;

namespace ActorChat.Silo.Storage;

public static class StorageHostingExtensions
{
    /// <summary>
    /// Registers the grain storage provider chosen in configuration as the silo's default. A relative
    /// data folder is taken from <paramref name="contentRoot"/>, so the store does not move with the
    /// directory the process happens to be started from. A silo of a multi-silo cluster refuses the
    /// stores that live in one process.
    /// </summary>
    public static StorageOptions AddActorChatStorage(this ISiloBuilder silo, IConfiguration configuration, string contentRoot, bool clustered)
    {
        var options = ConfigurationCheck.Load<StorageOptions>(configuration, StorageOptions.Section);
        if (clustered && (options.Is(StorageProviders.Embedded) || options.Is(StorageProviders.Memory)))
            throw new InvalidConfigurationException(
                $"{StorageOptions.Section}:Provider is {options.Provider}, which keeps data inside one silo: a silo of a Redis cluster needs storage all silos share, MongoDB or Redis.");
        options.Embedded.DataFolder = Path.GetFullPath(options.Embedded.DataFolder, contentRoot);

        var serializer = new JsonGrainStateSerializer();
        silo.Services.AddSingleton(serializer);
        const string name = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;

        if (options.Is(StorageProviders.Embedded))
            silo.Services.AddGrainStorage(name, (sp, _) =>
                new LiteDbGrainStorage(options.Embedded, serializer, sp.GetRequiredService<ILogger<LiteDbGrainStorage>>()));
        else if (options.Is(StorageProviders.MongoDB))
            silo.Services.AddGrainStorage(name, (sp, _) =>
                new MongoGrainStorage(options.MongoDB, serializer, sp.GetRequiredService<ILogger<MongoGrainStorage>>()));
        else if (options.Is(StorageProviders.Redis))
            silo.AddRedisGrainStorage(name, redis =>
            {
                redis.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis.ConnectionString);
                redis.GrainStorageSerializer = serializer;
                redis.DeleteStateOnClear = true;
            });
        else
            silo.AddMemoryGrainStorage(name, memory => memory.GrainStorageSerializer = serializer);
        return options;
    }
}
