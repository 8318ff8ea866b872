using ActorChat.Grains.Realtime;
using ActorChat.SocketIO.Conformance;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Transports.SocketIO;
using Microsoft.Extensions.Options;

// The servers the official Engine.IO and Socket.IO protocol test suites expect (see docs/protocol.md),
// built on ActorChat's own API: an Engine.IO echo at /engine.io/ and a Socket.IO app at /socket.io/.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Urls"] = "http://localhost:3000",
    [$"{SocketIOOptions.Section}:PingInterval"] = "300",
    [$"{SocketIOOptions.Section}:PingTimeout"] = "200",
    [$"{SocketIOOptions.Section}:ConnectTimeout"] = "1000",
    [$"{SocketIOOptions.Section}:MaxPayload"] = "1000000",
    [$"{SocketIOOptions.Section}:AllowedOrigins:0"] = "*",
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.Configuration.AddCommandLine(args);

builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(siloPort: 11_411, gatewayPort: 30_411, serviceId: "conformance", clusterId: "conformance");
    silo.AddMemoryGrainStorageAsDefault();
    silo.Services.AddSingleton(Options.Create(new FrontDirectoryOptions()));
    silo.Services.AddSingleton(TimeProvider.System);
});
builder.Services.AddSingleton(Options.Create(new RealtimeOptions()));
builder.Services.AddSingleton<FrontIdentity>();
builder.Services.AddSingleton<LocalConnections>();
builder.Services.AddSingleton<RoomMembership>();
builder.Services.AddSingleton<FrontObserver>();
builder.Services.AddSingleton<FrontDirectory>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<FrontDirectory>());
builder.Services.AddSingleton<IRealtimeServer, RealtimeServer>();
builder.Services.AddSingleton<NamespaceRegistry>();
builder.Services.AddSingleton<EventPipeline>();
builder.Services.AddSingleton(new NamespaceRegistration("/", typeof(ConformanceMainNamespace)));
builder.Services.AddSingleton(new NamespaceRegistration("/custom", typeof(ConformanceCustomNamespace)));
builder.Services.AddActorChatSocketIO(builder.Configuration);

var app = builder.Build();
app.UseWebSockets();
app.MapActorChatSocketIO();
app.MapEngineIO("/engine.io/", app.Services.GetRequiredService<IOptions<SocketIOOptions>>().Value, new EngineEcho());
app.Run();
