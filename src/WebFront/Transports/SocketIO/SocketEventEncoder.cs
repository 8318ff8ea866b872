using System.Collections.Concurrent;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>
/// Encodes an event as the Engine.IO frames of a Socket.IO EVENT in one namespace. The namespace is
/// part of the frame, so there is one encoder per namespace and a delivery is encoded once per namespace.
/// </summary>
public sealed class SocketEventEncoder(string ns) : IEventEncoder<EngineFrame[]>
{
    public EngineFrame[] Encode(PreparedEvent prepared) => SocketEncoder.Event(ns, prepared.Event);
}

/// <summary>The encoder of each namespace, created on first use.</summary>
public sealed class SocketEventEncoders
{
    private readonly ConcurrentDictionary<string, SocketEventEncoder> _byNamespace = new(StringComparer.Ordinal);

    public SocketEventEncoder For(string ns) => _byNamespace.GetOrAdd(ns, n => new SocketEventEncoder(n));
}
