using ActorChat.Hosting;
using ActorChat.Hosting.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorChat.Silo;

/// <summary>A silo process (<c>dotnet run --project src/Silo</c>): grains, and on its <c>--urls</c> the operator endpoints.</summary>
public static class SiloApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddActorChatOperations(ProcessRole.Silo);
        builder.AddActorChatSilo();
        var app = builder.Build();
        app.MapActorChatOperations();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
                app.Logger.LogInformation("ActorChat silo is serving {Address}: /healthz, /readyz, /metrics, /dashboard", address);
        });
        return app;
    }
}
