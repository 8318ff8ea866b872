namespace ActorChat.WebFront.Transports.SocketIO.Engine;

/// <summary>What runs on top of Engine.IO sessions: Socket.IO, or the conformance suite's echo.</summary>
public interface IEngineApplication
{
    /// <summary>
    /// A session is opening; returns what handles its messages, or null to refuse the client (403).
    /// <paramref name="handshake"/> is the opening request, valid only during this call.
    /// </summary>
    ValueTask<IEngineSessionHandler?> OpenAsync(EngineSession session, HttpContext handshake);
}

/// <summary>One session's message handler.</summary>
public interface IEngineSessionHandler
{
    /// <summary>A message packet arrived (text or binary). Throw <see cref="ProtocolException"/> to close the session.</summary>
    void OnMessage(EnginePacket packet);

    /// <summary>The session closed, for whatever reason; called once.</summary>
    Task OnClosedAsync(string reason);
}
