using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Cluster;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>
/// Socket.IO on Engine.IO: every session gets a <see cref="SocketIOSession"/> on the realtime pipeline,
/// for the user the identity resolver finds in the opening request (refused when it finds none).
/// </summary>
public sealed class SocketIOApplication(
    EventPipeline pipeline,
    SocketEventEncoders encoders,
    FrontIdentity front,
    IUserIdentityResolver identity,
    ILogger<SocketIOSession> logger) : IEngineApplication
{
    public async ValueTask<IEngineSessionHandler?> OpenAsync(EngineSession session, HttpContext handshake) =>
        await identity.ResolveAsync(handshake) is { } user
            ? new SocketIOSession(session, pipeline, encoders, user, front.FrontId, logger)
            : null;
}
