using ActorChat.Grains.Realtime;
using ActorChat.Hosting.Configuration;
using ActorChat.Silo.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace ActorChat.Silo;

public static class SiloHosting
{
    /// <summary>
    /// Hosts an Orleans silo in this process: localhost clustering, the configured grain storage and
    /// the dashboard. The one-command run uses it, so no external service is needed.
    /// </summary>
    public static SiloOptions AddActorChatSilo(this IHostApplicationBuilder builder)
    {
        var options = ConfigurationCheck.Bind<SiloOptions>(builder.Configuration, SiloOptions.Section);
        options.Validate();
        var fronts = ConfigurationCheck.Bind<FrontDirectoryOptions>(builder.Configuration, "ActorChat:Fronts");
        ConfigurationCheck.Positive("ActorChat:Fronts:ExpireAfter", fronts.ExpireAfter);

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(fronts));
            silo.Services.TryAddSingleton(TimeProvider.System);
            silo.AddActorChatStorage(builder.Configuration);
            if (options.Dashboard) silo.AddDashboard();
        });
        return options;
    }

    /// <summary>Serves the Orleans dashboard at <c>/dashboard</c> when it is enabled.</summary>
    public static void MapActorChatDashboard(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (options.Dashboard) app.MapOrleansDashboard(routePrefix: "/dashboard");
    }
}
