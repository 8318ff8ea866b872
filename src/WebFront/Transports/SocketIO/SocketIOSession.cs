using System.Text.Json;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Recovery;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>
/// The Socket.IO side of one Engine.IO session: decodes packets (joining binary ones with their
/// attachments), and multiplexes namespace sockets, each a connection of the realtime pipeline.
/// </summary>
public sealed class SocketIOSession : IEngineSessionHandler
{
    public const string TransportName = "socket.io";
    public const string InvalidNamespace = "Invalid namespace";

    // A polling client collects the reply with its next GET, which it sends at once; this only bounds a stalled one.
    private static readonly TimeSpan ConnectReplyFlushLimit = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ConnectReplySeparation = TimeSpan.FromMilliseconds(1);

    private static readonly JsonElement EmptyAuth = JsonDocument.Parse("{}").RootElement.Clone();

    private readonly EngineSession _engine;
    private readonly ConnectionAdmission _admission;
    private readonly EventPipeline _pipeline;
    private readonly Sessions _sessions;
    private readonly SocketEventEncoders _encoders;
    private readonly ConnectionRequest _handshake;
    private readonly ILogger _logger;
    private readonly Dictionary<string, NamespaceSocket> _sockets = new(StringComparer.Ordinal);
    // Namespaces whose CONNECT is being admitted, with the packets that came for them meanwhile.
    private readonly Dictionary<string, List<(SocketPacket Packet, List<byte[]> Attachments)>> _connecting = new(StringComparer.Ordinal);
    // Namespaces the server disconnected (a flood, an expired token) that the client has not connected to again.
    private readonly HashSet<string> _disconnectedByServer = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Lock _decodeLock = new();
    private SocketPacket? _binaryPacket;
    private List<byte[]>? _binaryParts;
    private bool _everConnected;
    private bool _closed;

    /// <param name="handshake">The Engine.IO handshake request, copied: each namespace CONNECT is admitted with it and the CONNECT's auth.</param>
    public SocketIOSession(EngineSession engine, ConnectionAdmission admission, EventPipeline pipeline, Sessions sessions, SocketEventEncoders encoders,
        ConnectionRequest handshake, ILogger logger)
    {
        _engine = engine;
        _admission = admission;
        _pipeline = pipeline;
        _sessions = sessions;
        _encoders = encoders;
        _handshake = handshake;
        _logger = logger;
        _ = CloseUnlessConnectedAsync();
    }

    /// <summary>
    /// Decodes one message. Transports deliver a session's messages one at a time, except a misbehaving
    /// client that POSTs while its WebSocket upgrade completes: the lock keeps binary reassembly whole.
    /// </summary>
    public void OnMessage(EnginePacket packet)
    {
        lock (_decodeLock) Decode(packet);
    }

    private void Decode(EnginePacket packet)
    {
        if (packet.IsBinary)
        {
            if (_binaryPacket is null) throw new ProtocolException("A binary message arrived with no binary packet waiting for it.");
            _binaryParts!.Add(packet.Binary!);
            if (_binaryParts.Count < _binaryPacket.Attachments) return;
            var (complete, parts) = (_binaryPacket, _binaryParts);
            (_binaryPacket, _binaryParts) = (null, null);
            Handle(complete, parts);
            return;
        }
        if (_binaryPacket is not null) throw new ProtocolException("A text packet arrived while a binary packet still waited for attachments.");
        var decoded = SocketParser.Decode(packet.Text ?? "");
        if (decoded is { IsBinary: true, Attachments: > 0 })
        {
            (_binaryPacket, _binaryParts) = (decoded, new List<byte[]>(decoded.Attachments));
            return;
        }
        Handle(decoded, []);
    }

    public async Task OnClosedAsync(string reason)
    {
        NamespaceSocket[] sockets;
        lock (_lock)
        {
            _closed = true;
            sockets = [.. _sockets.Values];
            _sockets.Clear();
            _connecting.Clear();
        }
        // A lost transport keeps the sockets' sessions for a reconnect; a client that broke the protocol does not get them back.
        foreach (var socket in sockets) Finish(socket, resumable: !EngineCloseReason.IsProtocolViolation(reason));
        await Task.WhenAll(sockets.Select(s => s.Completion));
    }

    private void Handle(SocketPacket packet, List<byte[]> attachments)
    {
        if (packet.Type == SocketPacketType.Connect)
        {
            Connect(packet);
            return;
        }
        NamespaceSocket? socket;
        lock (_lock)
        {
            socket = _sockets.GetValueOrDefault(packet.Namespace);
            if (socket is null && _connecting.TryGetValue(packet.Namespace, out var waiting))
            {
                // Sent right after the CONNECT: it runs once the namespace is admitted.
                if (waiting.Count >= _engine.Options.SendQueueLimit) throw new ProtocolException("The client sent events faster than its handlers run.");
                waiting.Add((packet, attachments));
                return;
            }
            // Packets the client sent before it heard the server's DISCONNECT crossed it on the wire: they are dropped.
            // Ending the session for them would reset the connection, and the client might lose the DISCONNECT unread.
            if (socket is null && _disconnectedByServer.Contains(packet.Namespace)) return;
        }
        // Like the reference server: a packet for a namespace the client has not joined ends the session.
        if (socket is null) throw new ProtocolException($"A {packet.Type} packet came for the namespace {packet.Namespace}, which this session has not connected to.");

        switch (packet.Type)
        {
            case SocketPacketType.Event or SocketPacketType.BinaryEvent:
                Dispatch(socket, packet, attachments);
                break;
            case SocketPacketType.Ack or SocketPacketType.BinaryAck:
                socket.CompleteAck(packet.AckId ?? throw new ProtocolException("An ACK packet has no ack id."), Args(packet), attachments);
                break;
            case SocketPacketType.Disconnect:
                Remove(socket);
                Finish(socket, resumable: false);
                break;
            default:
                throw new ProtocolException($"A client does not send {packet.Type} packets.");
        }
    }

    private void Connect(SocketPacket packet)
    {
        var ns = packet.Namespace;
        lock (_lock)
        {
            // A second CONNECT to a namespace already joined (or being joined) changes nothing.
            if (_closed || _sockets.ContainsKey(ns) || _connecting.ContainsKey(ns)) return;
            _connecting[ns] = [];
            _disconnectedByServer.Remove(ns);
        }
        _ = AdmitAsync(packet);
    }

    /// <summary>
    /// Admits a CONNECT (origin, namespace, identity from the handshake and the CONNECT's auth), then
    /// registers the namespace socket; a refusal is answered with CONNECT_ERROR and nothing is registered.
    /// </summary>
    private async Task AdmitAsync(SocketPacket packet)
    {
        // Off the receive path: admission may wait (an identity provider, the cluster).
        await Task.Yield();
        var ns = packet.Namespace;
        var auth = packet.Data ?? EmptyAuth;
        var token = StringIn(auth, "token");
        // Connection state recovery: a client that had a session sends its pid and the offset of the last room message it got.
        var recovery = _engine.Options.ConnectionStateRecovery;
        var offsets = recovery ? RoomOffsetText.Parse(StringIn(auth, "offset")) : null;
        var admitted = await _admission.AdmitAsync(_handshake with
        {
            Namespace = ns, Auth = auth, Token = token, Session = recovery ? new SessionRequest(StringIn(auth, "pid")) : null,
        });
        if (!admitted.Admitted)
        {
            lock (_lock) _connecting.Remove(ns);
            _engine.Send(ConnectError(ns, admitted.Refusal));
            return;
        }

        lock (_decodeLock)
        {
            NamespaceSocket socket;
            List<(SocketPacket Packet, List<byte[]> Attachments)> waiting;
            lock (_lock)
            {
                if (_closed || !_connecting.Remove(ns, out waiting!)) return;
                socket = new NamespaceSocket(admitted.Ticket.Connection, auth, _engine, _encoders.For(ns), _logger);
                socket.ClosedByServer += s =>
                {
                    lock (_lock) _disconnectedByServer.Add(s.Info.Namespace);
                    Remove(s);
                    Finish(s, resumable: false);
                };
                _sockets[ns] = socket;
                _everConnected = true;
            }
            var ticket = admitted.Ticket;
            socket.Enqueue(async () =>
            {
                if (await _admission.ConnectAsync(ticket, socket, session => AnnounceAsync(socket, session, offsets)) is { } refusal)
                {
                    // Never registered, so nothing to clean up: forget the socket and tell the client why.
                    Remove(socket);
                    socket.Finish(() => Task.CompletedTask);
                    _engine.Send(ConnectError(ns, refusal));
                }
            });
            try
            {
                foreach (var (early, attachments) in waiting) Handle(early, attachments);
            }
            catch (ProtocolException ex)
            {
                _logger.LogDebug("Engine.IO session {EngineSid} broke the protocol: {Problem}", _engine.Id, ex.Message);
                _engine.Close(EngineCloseReason.ParseError);
            }
        }
    }

    /// <summary>
    /// CONNECT_ERROR for a refusal. An unknown namespace gets the reference server's words (clients match on
    /// them); every other refusal carries its code as <c>data.code</c> (socket.io-client's <c>err.data</c>).
    /// </summary>
    private static EngineFrame[] ConnectError(string ns, ConnectionRefusal refusal) =>
        refusal.Code == ConnectionRefusal.UnknownNamespaceCode
            ? SocketEncoder.ConnectError(ns, InvalidNamespace)
            : SocketEncoder.ConnectError(ns, refusal.Reason, new { code = refusal.Code });

    /// <summary>
    /// The CONNECT reply, once the socket is registered (a client that knows its sid can be reached by
    /// it), in a write of its own before the connect handler's emits. A resumed session first takes up its
    /// rooms and replays what the client missed (socket.io-client holds events that come before the reply and
    /// hands them over right after it); the reply carries the session's token as the <c>pid</c>.
    /// socket.io-client says <c>recovered</c> only when it gets its old pid back, so a recovery with a gap
    /// answers with a new one: the rooms are back, but the client learns it must read the history.
    /// </summary>
    private async Task AnnounceAsync(NamespaceSocket socket, SessionStart? session, IReadOnlyDictionary<string, long>? offsets)
    {
        var pid = session?.Token;
        if (session?.Rooms is { } rooms && !(await _sessions.RestoreAsync(socket, rooms, offsets)).Recovered)
            pid = await _sessions.ReissueAsync(socket);
        _engine.Send(SocketEncoder.Connect(socket.Info.Namespace, socket.Info.Sid, pid));
        await _engine.FlushedAsync(ConnectReplyFlushLimit);
        // Handed over is not yet written: Kestrel's socket writer sends a moment later and would put a
        // fast connect handler's first emit in the same TCP write. Clients that read frame by frame
        // lose the second frame of such a read (the protocol test suite's ws client does); the
        // reference server never has two writes in flight. A millisecond per namespace connect gives
        // the same separation.
        await Task.Delay(ConnectReplySeparation, _engine.Closed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Dispatch(NamespaceSocket socket, SocketPacket packet, List<byte[]> attachments)
    {
        var array = packet.Data!.Value;
        var name = array[0].ValueKind == JsonValueKind.String ? array[0].GetString()! : array[0].GetRawText();
        var args = array.EnumerateArray().Skip(1).ToArray();
        AckResponder? ack = packet.AckId is { } id
            ? (json, binary) =>
            {
                socket.SendFrames(SocketEncoder.Ack(socket.Info.Namespace, id, json, binary));
                return ValueTask.CompletedTask;
            }
            : null;
        if (!socket.Enqueue(() => _pipeline.DispatchAsync(socket, name, args, ack, attachments)) && !socket.IsClosed)
            throw new ProtocolException("The client sent events faster than its handlers run.");
    }

    private static JsonElement[] Args(SocketPacket packet) => packet.Data!.Value.EnumerateArray().ToArray();

    private void Remove(NamespaceSocket socket)
    {
        lock (_lock)
            if (_sockets.TryGetValue(socket.Info.Namespace, out var known) && ReferenceEquals(known, socket))
                _sockets.Remove(socket.Info.Namespace);
    }

    private void Finish(NamespaceSocket socket, bool resumable) => socket.Finish(() => _pipeline.DisconnectAsync(socket, resumable));

    private static string? StringIn(JsonElement auth, string property) =>
        auth.ValueKind == JsonValueKind.Object && auth.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task CloseUnlessConnectedAsync()
    {
        try
        {
            await Task.Delay(_engine.Options.ConnectTimeout, _engine.Closed);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        bool connected;
        lock (_lock) connected = _everConnected;
        if (!connected) _engine.Close("connect timeout");
    }
}
