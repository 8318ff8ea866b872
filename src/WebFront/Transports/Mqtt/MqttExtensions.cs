using ActorChat.Hosting;
using ActorChat.Hosting.Configuration;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Transports.Mqtt;

/// <summary>Adds the MQTT over WebSocket endpoint to the web front: two lines in the app builder.</summary>
public static class MqttExtensions
{
    public static IServiceCollection AddActorChatMqtt(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Options.Create(ConfigurationCheck.Load<MqttOptions>(configuration, MqttOptions.Section)));
        services.AddSingleton<MqttSocketAdapter>();
        services.AddSingleton<MqttBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttBroker>());
        services.AddSingleton<MqttEndpoint>();
        return services;
    }

    /// <summary>Maps <c>/mqtt</c> (namespace <c>/chat</c>) and <c>/mqtt/{name}</c> (namespace <c>/{name}</c>).</summary>
    public static IEndpointRouteBuilder MapActorChatMqtt(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<MqttOptions>>().Value.Enabled) return endpoints;
        endpoints.Map("/mqtt", (HttpContext http, MqttEndpoint mqtt) => mqtt.HandleAsync(http, MqttEndpoint.DefaultNamespace)).ServedAs("MQTT", webSocket: true);
        endpoints.Map("/mqtt/{**name}", (HttpContext http, string name, MqttEndpoint mqtt) => mqtt.HandleAsync(http, "/" + name)).ServedAs("MQTT", webSocket: true);
        return endpoints;
    }
}
