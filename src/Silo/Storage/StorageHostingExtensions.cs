using Microsoft.Extensions.Configuration;
using Orleans.Hosting;

namespace ActorChat.Silo.Storage;

public static class StorageHostingExtensions
{
    /// <summary>Registers the grain storage providers chosen in configuration.</summary>
    public static ISiloBuilder AddActorChatStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddMemoryGrainStorageAsDefault();
        return silo;
    }
}
