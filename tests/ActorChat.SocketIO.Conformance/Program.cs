using ActorChat.Hosting.Operations;
using ActorChat.WebFront.Hosting;
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
    ["ActorChat:Silo:SiloPort"] = "11411",
    ["ActorChat:Silo:GatewayPort"] = "30411",
    ["ActorChat:Dashboard:Enabled"] = "false",
    [$"{SocketIOOptions.Section}:PingInterval"] = "300",
    [$"{SocketIOOptions.Section}:PingTimeout"] = "200",
    [$"{SocketIOOptions.Section}:ConnectTimeout"] = "1000",
    [$"{SocketIOOptions.Section}:MaxPayload"] = "1000000",
    // The suites' reference server runs without connection state recovery: its CONNECT reply is {sid} alone.
    [$"{SocketIOOptions.Section}:ConnectionStateRecovery"] = "false",
    ["ActorChat:AllowedOrigins:0"] = "*",
    ["ActorChat:Auth:AllowAnonymous"] = "true",
    // The suites open many sessions from one address and send bursts faster than a chat client would.
    ["ActorChat:SocketIO:MaxSessionsPerAddress"] = "100000",
    ["ActorChat:Limits:EventsPerSecond"] = "100000",
    ["ActorChat:Limits:EventBurst"] = "100000",
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.Configuration.AddCommandLine(args);

builder.AddActorChatProcess();
builder.Services.AddActorChatRealtime(builder.Configuration)
    .AddNamespace<ConformanceMainNamespace>("/")
    .AddNamespace<ConformanceCustomNamespace>("/custom");
builder.Services.AddActorChatSocketIO(builder.Configuration);

var app = builder.Build();
app.MapActorChatOperations();
app.MapActorChatRealtime();
app.MapActorChatSocketIO();
app.MapEngineIO("/engine.io/", app.Services.GetRequiredService<IOptions<SocketIOOptions>>().Value, new EngineEcho());
app.Run();
