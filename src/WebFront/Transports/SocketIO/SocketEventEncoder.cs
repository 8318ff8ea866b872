using System.Collections.Concurrent;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Recovery;
using ActorChat.WebFront.Transports.SocketIO.Engine;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>
/// Encodes an event as the Engine.IO frames of a Socket.IO EVENT in one namespace. The namespace is
/// part of the frame, so there is one encoder per namespace and a delivery is encoded once per namespace.
/// With <paramref name="offsets"/> (connection state recovery), a numbered room message carries its
/// <see cref="RoomOffsetText"/> as an extra last argument, the same for every member.
/// </summary>
public sealed class SocketEventEncoder(string ns, bool offsets) : IEventEncoder<EngineFrame[]>
{
    public EngineFrame[] Encode(PreparedEvent prepared) => SocketEncoder.Event(ns, prepared.Event,
        offset: offsets && prepared is { Room: { } room, Offset: > 0 } ? RoomOffsetText.Format(room, prepared.Offset) : null);
}

/// <summary>The encoder of each namespace, created on first use.</summary>
public sealed class SocketEventEncoders(IOptions<SocketIOOptions> options)
{
    private readonly ConcurrentDictionary<string, SocketEventEncoder> _byNamespace = new(StringComparer.Ordinal);

    public SocketEventEncoder For(string ns) => _byNamespace.GetOrAdd(ns, n => new SocketEventEncoder(n, options.Value.ConnectionStateRecovery));
}
