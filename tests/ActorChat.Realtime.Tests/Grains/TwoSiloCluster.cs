using ActorChat.Grains.Realtime;
using ActorChat.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using Xunit;

namespace ActorChat.Realtime.Tests.Grains;

/// <summary>An Orleans test cluster of two silos hosting the realtime grains, with short leases.</summary>
public class TwoSiloCluster : IAsyncLifetime
{
    /// <summary>A front that renews nothing for this long is dead.</summary>
    public static readonly TimeSpan ExpireAfter = TimeSpan.FromSeconds(2);

    public TestCluster Cluster { get; } = new TestClusterBuilder(2)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public ValueTask InitializeAsync() => new(Cluster.DeployAsync());

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    internal sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo
            // A killed silo is found out, and calls to it fail, in seconds rather than half a minute.
            .Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = TimeSpan.FromSeconds(1))
            .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15))
            .ConfigureServices(services => services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, _) =>
                new ProcessWideStorage(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId)))
            .AddActorChatGrains(new FrontDirectoryOptions { ExpireAfter = ExpireAfter, CheckInterval = TimeSpan.FromMilliseconds(200) });
    }
}

internal sealed class ClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
}

/// <summary>The same, for tests that kill a silo (they cannot share it).</summary>
public sealed class KillableCluster : TwoSiloCluster;
