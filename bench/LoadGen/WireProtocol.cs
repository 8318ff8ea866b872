using System.Text;

namespace ActorChat.Bench;

/// <summary>
/// What the load generator says on the wire: ActorChat's raw-WebSocket envelope, or Socket.IO 5 over an
/// Engine.IO 4 WebSocket, read and written as frames directly (socket.io-client in node tops out near
/// 25,000 deliveries per second per core, below what the servers can do), so the same generator
/// measures ActorChat's Socket.IO endpoint and a Node socket.io server alike.
/// </summary>
public abstract class WireProtocol
{
    public static WireProtocol For(LoadOptions options) => options.Protocol switch
    {
        "websocket" => new EnvelopeWire(),
        "socketio" => new SocketIOWire(options.Urls[0].AbsolutePath == "/" ? "/" : options.Urls[0].AbsolutePath.TrimEnd('/')),
        _ => throw new ArgumentException($"--protocol must be websocket or socketio, not '{options.Protocol}'."),
    };

    public abstract string Name { get; }

    /// <summary>The URL to open: for Socket.IO the Engine.IO endpoint, with the namespace taken out of the path.</summary>
    public virtual Uri ConnectUrl(Uri url) => url;

    /// <summary>What has to happen between the WebSocket opening and the first event (Socket.IO: open packet and CONNECT).</summary>
    public virtual Task HandshakeAsync(BenchClient client) => Task.CompletedTask;

    public abstract string Join(int room);

    public abstract bool IsJoinAck(string frame);

    public abstract string Bench(int room, long timestamp);

    /// <summary>A frame to answer with at once (Socket.IO's pong to a ping), or null.</summary>
    public virtual string? Reply(ReadOnlySpan<byte> frame) => null;
}

public sealed class EnvelopeWire : WireProtocol
{
    public override string Name => "websocket";

    public override string Join(int room) => $"{{\"event\":\"join\",\"args\":[{{\"room\":\"bench-{room}\"}}],\"ack\":1}}";

    public override bool IsJoinAck(string frame) => frame.Contains("\"ack\":1,");

    public override string Bench(int room, long timestamp) => $"{{\"event\":\"bench\",\"args\":[{{\"room\":\"bench-{room}\",\"t\":{timestamp}}}]}}";
}

public sealed class SocketIOWire(string ns) : WireProtocol
{
    private readonly string _prefix = ns == "/" ? "" : ns + ",";

    public override string Name => "socketio";

    public override Uri ConnectUrl(Uri url) => new UriBuilder(url) { Path = "/socket.io/", Query = "EIO=4&transport=websocket" }.Uri;

    public override async Task HandshakeAsync(BenchClient client)
    {
        var open = await client.ReceiveTextAsync();
        if (!open.StartsWith('0')) throw new InvalidOperationException($"Expected an Engine.IO open packet, got '{open}'.");
        await client.SendAsync("40" + _prefix);
        var connected = await client.ReceiveTextAsync();
        if (!connected.StartsWith("40" + _prefix, StringComparison.Ordinal)) throw new InvalidOperationException($"Expected a CONNECT reply, got '{connected}'.");
    }

    public override string Join(int room) => $"42{_prefix}1[\"join\",{{\"room\":\"bench-{room}\"}}]";

    public override bool IsJoinAck(string frame) => frame.StartsWith($"43{_prefix}1[", StringComparison.Ordinal);

    public override string Bench(int room, long timestamp) => $"42{_prefix}[\"bench\",{{\"room\":\"bench-{room}\",\"t\":{timestamp}}}]";

    public override string? Reply(ReadOnlySpan<byte> frame) => frame.SequenceEqual("2"u8) ? "3" : null;
}
