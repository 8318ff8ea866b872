using ActorChat.Silo.Storage;
using ActorChat.WebFront.GraphQL;

// Interim host until the lead's ActorChatApp lands: co-hosted silo on localhost, storage and GraphQL.
var builder = WebApplication.CreateBuilder(SampleDataCommand.HostArguments(args));
builder.UseOrleans(silo => silo
    .UseLocalhostClustering(
        builder.Configuration.GetValue("ActorChat:Cluster:SiloPort", 11111),
        builder.Configuration.GetValue("ActorChat:Cluster:GatewayPort", 30000))
    .AddActorChatStorage(builder.Configuration));
builder.Services.AddActorChatGraphQL(builder.Configuration);
await using var app = builder.Build();
app.MapActorChatGraphQL();

if (SampleDataCommand.IsRequested(args))
{
    await SampleDataCommand.RunAsync(app);
    return;
}
await app.RunAsync();
