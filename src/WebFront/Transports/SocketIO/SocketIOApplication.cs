using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Recovery;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>
/// Socket.IO on Engine.IO: every session gets a <see cref="SocketIOSession"/> on the realtime pipeline.
/// Clients are admitted per namespace, at each CONNECT, with what the handshake request and the CONNECT's
/// auth object say (the Engine.IO endpoint has already checked the origin).
/// </summary>
public sealed class SocketIOApplication(
    ConnectionAdmission admission,
    EventPipeline pipeline,
    Sessions sessions,
    SocketEventEncoders encoders,
    ILogger<SocketIOSession> logger) : IEngineApplication
{
    public ValueTask<IEngineSessionHandler?> OpenAsync(EngineSession session, HttpContext handshake) =>
        ValueTask.FromResult<IEngineSessionHandler?>(new SocketIOSession(session, admission, pipeline, sessions, encoders,
            ConnectionRequest.From(handshake, "/", SocketIOSession.TransportName, copy: true), logger));
}
