using ActorChat.Hosting.Configuration;
using ActorChat.Hosting.Operations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>Registers a front's cluster bookkeeping: its lease, the grains' view of its connections, readiness and drain.</summary>
internal static class FrontHosting
{
    public static IServiceCollection AddActorChatFront(this IServiceCollection services, IConfiguration configuration)
    {
        var drain = ConfigurationCheck.Load<FrontDrainOptions>(configuration, FrontDrainOptions.Section);
        services.AddSingleton(Options.Create(drain));
        // Draining must finish inside the host's shutdown timeout.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = Max(o.ShutdownTimeout, drain.DrainDelay + drain.DrainPeriod + TimeSpan.FromSeconds(15)));

        services.AddSingleton<FrontIdentity>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FrontLease>();
        services.AddSingleton<FrontDirectory>();
        services.AddSingleton<FrontObserver>();
        services.AddSingleton<RoomMembership>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddHostedService<FrontLeaseKeeper>();
        services.AddHostedService<FrontDrain>();
        services.AddSingleton<IReadinessContributor, FrontReadiness>();
        return services;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
