using ActorChat.Grains.Realtime;
using ActorChat.Hosting.Cluster;
using ActorChat.Hosting.Configuration;
using ActorChat.Hosting.Operations;
using ActorChat.Realtime;
using ActorChat.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;

namespace ActorChat.Silo;

public static class SiloHosting
{
    /// <summary>
    /// Hosts an Orleans silo in this process: clustering as <c>ActorChat:Cluster</c> says (one local
    /// silo, or a member of a Redis cluster), the configured grain storage, front leases, the dashboard
    /// and the silo's part of <c>/readyz</c>. Both the silo process and the co-hosted <c>All</c> role use it.
    /// </summary>
    public static void AddActorChatSilo(this IHostApplicationBuilder builder)
    {
        var endpoints = ConfigurationCheck.Load<SiloOptions>(builder.Configuration, SiloOptions.Section);
        var clustering = ConfigurationCheck.Load<ClusteringOptions>(builder.Configuration, ClusteringOptions.Section);
        var fronts = ConfigurationCheck.Load<FrontDirectoryOptions>(builder.Configuration, FrontDirectoryOptions.Section);
        var recovery = ConfigurationCheck.Load<RecoveryOptions>(builder.Configuration, RecoveryOptions.Section);
        var dashboard = ConfigurationCheck.Bind<DashboardSettings>(builder.Configuration, DashboardSettings.Section);
        FreePorts.Require(($"{SiloOptions.Section}:SiloPort", endpoints.SiloPort), ($"{SiloOptions.Section}:GatewayPort", endpoints.GatewayPort));

        // Orleans' watchdog compares with a timestamp its other thread has not set yet when it first
        // runs, and warns of a "possible deadlock" lasting the machine's uptime at many normal starts.
        // Real stalls still reach membership through Orleans' local health monitor.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.Services.AddSingleton<IReadinessContributor, SiloReadiness>();
        builder.Services.AddHostedService<SiloDrain>();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (clustering.ServiceId, clustering.ClusterId));
            if (clustering.IsRedis)
            {
                silo.UseRedisClustering(redis => redis.ConfigurationOptions = RedisSettings.Parse(clustering.Redis.ConnectionString));
                if (endpoints.AdvertisedAddress is { } address)
                    silo.ConfigureEndpoints(address, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
                else
                    silo.ConfigureEndpoints(endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, serviceId: clustering.ServiceId, clusterId: clustering.ClusterId);
            }
            // Orleans' distributed grain directory (experimental in Orleans 10), for what it is for: the classic one
            // loses entries while silos join and leave, so a grain handed over in a rolling restart (GrainHandOver)
            // was, about one time in two, answered by a second, empty activation; this one moves its entries with
            // every membership change. Its range leases are off: after a silo died they held the dead silo's grains
            // back for 6 s past the death, and a dead silo's grains are rebuilt from the fronts at once, as before.
#pragma warning disable ORLEANSEXP003
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            silo.Configure<GrainDirectoryOptions>(o => o.RangeLeaseDuration = TimeSpan.Zero);
            silo.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = clustering.ProbeTimeout);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = clustering.ResponseTimeout);

            silo.AddActorChatGrains(fronts);
            silo.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(recovery));
            silo.AddActorChatStorage(builder.Configuration, builder.Environment.ContentRootPath, clustered: clustering.IsRedis);
            if (dashboard.Enabled) silo.AddDashboard();
        });
        // After the storage check, so a silo refused for its storage does not wait for Redis first.
        if (clustering.IsRedis) RedisReachability.Require(clustering.Redis.ConnectionString);
    }

    /// <summary>The grains and what the realtime ones need on every silo: front leases and their watcher.</summary>
    public static ISiloBuilder AddActorChatGrains(this ISiloBuilder silo, FrontDirectoryOptions fronts)
    {
        // The grains may have been loaded at run time (the co-hosted role), where Orleans' own scan does not look.
        silo.Services.AddSerializer(serializer => serializer.AddAssembly(typeof(RoomGrain).Assembly));
        silo.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(fronts));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<FrontTracker>();
        silo.Services.AddSingleton<GrainHandOver>();
        silo.Services.AddHostedService<FrontLeaseWatcher>();
        return silo;
    }
}
