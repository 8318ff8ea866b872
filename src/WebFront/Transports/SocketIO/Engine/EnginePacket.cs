namespace ActorChat.WebFront.Transports.SocketIO.Engine;

/// <summary>The Engine.IO 4 packet types; the digit is the type's wire form.</summary>
public enum EnginePacketType
{
    Open = 0,
    Close = 1,
    Ping = 2,
    Pong = 3,
    Message = 4,
    Upgrade = 5,
    Noop = 6,
}

/// <summary>
/// A received Engine.IO packet. A binary packet is always a message: Engine.IO 4 has no other kind
/// (raw bytes in a WebSocket frame, <c>b</c> + base64 in a polling payload).
/// </summary>
public readonly record struct EnginePacket(EnginePacketType Type, string? Text = null, byte[]? Binary = null)
{
    public bool IsBinary => Binary is not null;

    public static EnginePacket Of(EnginePacketType type, string? text = null) => new(type, text);

    public static EnginePacket OfBinary(byte[] data) => new(EnginePacketType.Message, Binary: data);
}

/// <summary>
/// A packet on its way out, already encoded: for text, the UTF-8 of type digit + data (<c>42["a"]</c>),
/// which is both the WebSocket frame and the polling payload segment; for binary, the raw bytes.
/// Encoded once and shared by every socket a broadcast reaches.
/// </summary>
public sealed record EngineFrame(byte[] Data, bool Binary, TaskCompletionSource? Marker = null)
{
    /// <summary>A frame that is not sent: the transport completes it once every frame queued before it has been handed over.</summary>
    public static EngineFrame FlushMarker() => new([], false, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public static readonly EngineFrame Ping = Text("2");
    public static readonly EngineFrame Noop = Text("6");
    public static readonly EngineFrame Close = Text("1");
    public static readonly EngineFrame ProbePong = Text("3probe");

    public static EngineFrame Text(string packet) => new(System.Text.Encoding.UTF8.GetBytes(packet), false);

    public static EngineFrame Message(string data) => Text("4" + data);

    public static EngineFrame Bytes(byte[] data) => new(data, true);
}
