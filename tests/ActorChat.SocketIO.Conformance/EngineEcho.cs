using ActorChat.WebFront.Transports.SocketIO;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.SocketIO.Conformance;

/// <summary>The engine.io-protocol suite's server: every message goes back to its sender as it came.</summary>
public sealed class EngineEcho : IEngineApplication
{
    public ValueTask<IEngineSessionHandler?> OpenAsync(EngineSession session, HttpContext handshake) =>
        ValueTask.FromResult<IEngineSessionHandler?>(new Handler(session));

    private sealed class Handler(EngineSession session) : IEngineSessionHandler
    {
        public void OnMessage(EnginePacket packet) =>
            session.Send(packet.IsBinary ? EngineFrame.Bytes(packet.Binary!) : EngineFrame.Message(packet.Text ?? ""));

        public Task OnClosedAsync(string reason) => Task.CompletedTask;
    }
}
