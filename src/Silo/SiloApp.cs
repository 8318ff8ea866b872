using ActorChat.Hosting;
using ActorChat.Hosting.Operations;
using Microsoft.AspNetCore.Builder;

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
        ServedEndpoints.LogOnStart(app, ProcessRole.Silo);
        return app;
    }
}
