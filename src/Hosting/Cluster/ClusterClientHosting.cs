using ActorChat.Hosting.Configuration;
using ActorChat.Hosting.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace ActorChat.Hosting.Cluster;

public static class ClusterClientHosting
{
    /// <summary>How often a front re-reads the gateway list, so it finds silos that started after it.</summary>
    private static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Makes this process an Orleans client of the cluster named in <c>ActorChat:Cluster</c> (the
    /// <c>Front</c> role). The client keeps trying to connect for as long as the process runs, and the
    /// web server starts meanwhile, so <c>/healthz</c> answers and <c>/readyz</c> says why it is not ready.
    /// </summary>
    public static void AddActorChatClusterClient(this IHostApplicationBuilder builder, ClusteringOptions clustering)
    {
        if (!clustering.IsRedis)
            throw new InvalidConfigurationException(
                $"ActorChat:Role=Front needs a cluster to join: set {ClusteringOptions.Section}:Provider to Redis and {ClusteringOptions.Section}:Redis:ConnectionString.");

        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.Services.AddSingleton<GatewayConnections>();
        builder.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<GatewayConnections>());
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (clustering.ServiceId, clustering.ClusterId));
            client.UseRedisClustering(redis => redis.ConfigurationOptions = RedisSettings.Parse(clustering.Redis.ConnectionString));
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefresh);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = clustering.ResponseTimeout);
            client.UseConnectionRetryFilter(RetryForever);
            if (ConfigurationCheck.Bind<DashboardSettings>(builder.Configuration, DashboardSettings.Section).Enabled) client.AddDashboard();
        });
    }

    private static async Task<bool> RetryForever(Exception exception, CancellationToken cancellation)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        return !cancellation.IsCancellationRequested;
    }
}
