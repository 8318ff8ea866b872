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
    /// <summary>Registers the grain storage provider chosen in configuration as the silo's default.</summary>
    public static ISiloBuilder AddActorChatStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = ConfigurationCheck.Bind<StorageOptions>(configuration, StorageOptions.Section);
        if (options.Validate() is { } problem) throw new InvalidConfigurationException(problem);

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
        return silo;
    }
}
