using System.Text.Json;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>The Socket.IO 5 packet types; the digit is the type's wire form.</summary>
public enum SocketPacketType
{
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6,
}

/// <summary>
/// A decoded Socket.IO packet. For binary types <see cref="Attachments"/> says how many binary
/// Engine.IO messages follow; the payload keeps their <c>{"_placeholder":true,"num":n}</c> markers.
/// </summary>
public sealed record SocketPacket(
    SocketPacketType Type,
    string Namespace,
    JsonElement? Data = null,
    long? AckId = null,
    int Attachments = 0)
{
    public bool IsBinary => Type is SocketPacketType.BinaryEvent or SocketPacketType.BinaryAck;
}
