using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>Socket.IO on Engine.IO: every session gets a <see cref="SocketIOSession"/> on the realtime pipeline.</summary>
public sealed class SocketIOApplication(
    EventPipeline pipeline,
    SocketEventEncoders encoders,
    FrontIdentity front,
    ILogger<SocketIOSession> logger) : IEngineApplication
{
    public async ValueTask<IEngineSessionHandler> OpenAsync(EngineSession session, HttpContext handshake)
    {
        await Task.CompletedTask;
        var user = handshake.Request.Query["user"].ToString();
        if (!Names.IsValid(user)) user = $"guest-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}";
        return new SocketIOSession(session, pipeline, encoders, user, front.FrontId, logger);
    }
}
