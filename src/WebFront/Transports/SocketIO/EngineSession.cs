using System.Threading.Channels;

namespace ActorChat.WebFront.Transports.SocketIO;

/// <summary>Which transport carries a session's outgoing packets.</summary>
public enum EngineTransport { Polling, WebSocket }

/// <summary>
/// One Engine.IO session: an outgoing queue that whichever transport is current drains (the pending
/// polling GET, or the WebSocket's send loop after an upgrade), the server-driven heartbeat, and a
/// close that happens once whoever asks for it.
/// </summary>
public sealed class EngineSession
{
    private readonly Channel<EngineFrame> _outbound;
    private readonly Lock _sendLock = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly ILogger _logger;
    private IEngineSessionHandler? _handler;
    private TaskCompletionSource? _pong;
    private int _closing;

    public EngineSession(string id, EngineTransport transport, SocketIOOptions options, ILogger logger)
    {
        Id = id;
        Transport = transport;
        Options = options;
        _logger = logger;
        _outbound = Channel.CreateBounded<EngineFrame>(new BoundedChannelOptions(options.SendQueueLimit)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string Id { get; }

    public SocketIOOptions Options { get; }

    /// <summary>The transport that carries outgoing packets now; changes once, on a completed upgrade.</summary>
    public EngineTransport Transport { get; private set; }

    /// <summary>True from a WebSocket's <c>2probe</c> until the upgrade completes or that socket goes away.</summary>
    public bool Upgrading { get; private set; }

    /// <summary>What a pending polling GET answers once the queue is done: close for a server close, noop for the client's.</summary>
    public EngineFrame CloseFrame { get; private set; } = EngineFrame.Close;

    public ChannelReader<EngineFrame> Outbound => _outbound.Reader;

    public CancellationToken Closed => _closed.Token;

    public bool IsClosed => Volatile.Read(ref _closing) != 0;

    // Polling allows one GET and one POST at a time; these are 1 while one is in flight.
    internal int ActiveGet;
    internal int ActivePost;

    internal void Start(IEngineSessionHandler handler)
    {
        _handler = handler;
        _ = HeartbeatAsync();
    }

    /// <summary>Queues frames to go out together (a packet and its attachments). Never blocks; a full queue closes the session.</summary>
    public void Send(IReadOnlyList<EngineFrame> frames)
    {
        var full = false;
        lock (_sendLock)
        {
            foreach (var frame in frames)
                if (!_outbound.Writer.TryWrite(frame)) { full = !IsClosed; break; }
        }
        if (full) Close("send queue full");
    }

    public void Send(EngineFrame frame) => Send([frame]);

    /// <summary>Handles one packet from the client, whichever transport brought it.</summary>
    public void Receive(EnginePacket packet)
    {
        switch (packet.Type)
        {
            case EnginePacketType.Pong:
                _pong?.TrySetResult();
                break;
            case EnginePacketType.Message:
                _handler!.OnMessage(packet);
                break;
            case EnginePacketType.Close:
                Close("client close", byClient: true);
                break;
            case EnginePacketType.Noop:
                break;
            case EnginePacketType.Ping:
                // Engine.IO 4 clients only ping to probe a new transport, which the upgrade handles.
                Send(EngineFrame.Text("3" + packet.Text));
                break;
            default:
                throw new ProtocolException($"A client does not send {packet.Type} packets on an open session.");
        }
    }

    internal bool TryBeginUpgrade()
    {
        lock (_sendLock)
        {
            if (Transport != EngineTransport.Polling || Upgrading || IsClosed) return false;
            Upgrading = true;
            return true;
        }
    }

    internal void EndUpgrade(bool completed)
    {
        lock (_sendLock)
        {
            Upgrading = false;
            if (completed) Transport = EngineTransport.WebSocket;
        }
    }

    /// <summary>Closes the session once: the queue is completed (what is in it still goes out), then the application hears of it.</summary>
    public void Close(string reason, bool byClient = false)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0) return;
        if (byClient) CloseFrame = EngineFrame.Noop;
        _logger.LogDebug("Engine.IO session {EngineSid} closed: {Reason}", Id, reason);
        lock (_sendLock) _outbound.Writer.TryComplete();
        _closed.Cancel();
        _ = NotifyClosedAsync(reason);
    }

    private async Task NotifyClosedAsync(string reason)
    {
        try
        {
            if (_handler is not null) await _handler.OnClosedAsync(reason);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Closing Engine.IO session {EngineSid} failed in the application", Id);
        }
    }

    private async Task HeartbeatAsync()
    {
        var interval = TimeSpan.FromMilliseconds(Options.PingInterval);
        var timeout = TimeSpan.FromMilliseconds(Options.PingTimeout);
        try
        {
            while (!IsClosed)
            {
                await Task.Delay(interval, Closed);
                var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _pong = pong;
                Send(EngineFrame.Ping);
                try
                {
                    await pong.Task.WaitAsync(timeout, Closed);
                }
                catch (TimeoutException)
                {
                    Close("ping timeout");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closed meanwhile.
        }
    }
}
