using System.Threading.Channels;

namespace ActorChat.WebFront.Transports.SocketIO.Engine;

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
    private long _pongDeadline;
    private int _deadlineRefreshed;
    private int _closing;
    private int _closeNotice;
    private CancellationTokenSource _pollRelease = new();
    private TaskCompletionSource<bool>? _upgradeDone;
    private Func<EngineFrame, ValueTask>? _directWriter;

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

    /// <summary>True from the moment a WebSocket for this polling session opens until the upgrade completes or that socket goes away.</summary>
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

    /// <summary>
    /// Sends frames that go out together (a packet and its attachments). Never blocks: on an idle
    /// WebSocket they are written at once on the caller's thread (no hop through the send loop);
    /// otherwise they are queued behind what is waiting. A full queue closes the session.
    /// </summary>
    public void Send(IReadOnlyList<EngineFrame> frames)
    {
        var full = false;
        var inline = false;
        lock (_sendLock)
        {
            if (_directWriter is not null && _outbound.Reader.Count == 0 && WriteLock.Wait(0)) inline = true;
            else
                foreach (var frame in frames)
                    if (!_outbound.Writer.TryWrite(frame)) { full = !IsClosed; break; }
        }
        if (inline) _ = WriteInlineAsync(frames);
        if (full) Close("send queue full");
    }

    /// <summary>Held by whoever writes to the WebSocket: the send loop for queued frames, or an inline send.</summary>
    internal SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>Lets <see cref="Send"/> write to an idle WebSocket directly; set while a WebSocket carries the session.</summary>
    internal void UseDirectWriter(Func<EngineFrame, ValueTask>? writer)
    {
        lock (_sendLock) _directWriter = writer;
    }

    private async Task WriteInlineAsync(IReadOnlyList<EngineFrame> frames)
    {
        try
        {
            foreach (var frame in frames)
            {
                if (frame.Marker is { } marker) marker.TrySetResult();
                else await _directWriter!(frame);
            }
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            Close("transport error");
        }
        finally
        {
            WriteLock.Release();
        }
    }

    public void Send(EngineFrame frame) => Send([frame]);

    /// <summary>
    /// Completes when everything queued so far has been handed to the transport, or the session closed,
    /// or <paramref name="limit"/> passed. Lets a reply go out in a write of its own before what follows,
    /// as the reference server's one-write-at-a-time does (clients that read frame by frame rely on it).
    /// </summary>
    public async Task FlushedAsync(TimeSpan limit)
    {
        var marker = EngineFrame.FlushMarker();
        Send(marker);
        try
        {
            await marker.Marker!.Task.WaitAsync(limit, Closed);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Not handed over in time (a polling client that has not polled yet): order is still kept by the queue.
        }
    }

    /// <summary>Handles one packet from the client, whichever transport brought it.</summary>
    public void Receive(EnginePacket packet)
    {
        // Like the reference server: a client busy sending while a pong is due gets one more pingTimeout.
        if (packet.Type != EnginePacketType.Pong && _pong is { Task.IsCompleted: false } && Interlocked.Exchange(ref _deadlineRefreshed, 1) == 0)
            Volatile.Write(ref _pongDeadline, Environment.TickCount64 + Options.PingTimeout);
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
            default:
                throw new ProtocolException($"A client does not send {packet.Type} packets on an open session.");
        }
    }

    /// <summary>
    /// True once for a session the client closed with no GET pending: the store keeps it a moment so
    /// that a GET sent before the close but handled after it still gets its noop instead of an error.
    /// </summary>
    internal bool AwaitsCloseNotice => Volatile.Read(ref _closeNotice) != 0;

    internal bool TakeCloseNotice() => Interlocked.Exchange(ref _closeNotice, 0) != 0;

    /// <summary>
    /// Closes the session if a ping went unanswered past its deadline and the heartbeat has not noticed
    /// yet (timers run late under load); a request for it then gets the answer a closed session gets.
    /// </summary>
    internal bool ExpireIfOverdue()
    {
        if (IsClosed) return true;
        if (_pong is not { Task.IsCompleted: false } || Environment.TickCount64 < Volatile.Read(ref _pongDeadline)) return false;
        Close("ping timeout");
        return true;
    }

    /// <summary>Cancelled when an upgrade probe succeeds, so that a pending polling GET ends with a noop.</summary>
    internal CancellationToken PollRelease => _pollRelease.Token;

    /// <summary>Completes with true when the current upgrade took the session over, false when it failed.</summary>
    internal Task<bool> UpgradeDone => _upgradeDone?.Task ?? Task.FromResult(Transport == EngineTransport.WebSocket);

    internal bool TryBeginUpgrade()
    {
        lock (_sendLock)
        {
            if (Transport != EngineTransport.Polling || Upgrading || IsClosed) return false;
            Upgrading = true;
            _upgradeDone = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }

    /// <summary>The probe was answered: the pending GET (if any) is released and polling pauses.</summary>
    internal void ReleasePoll()
    {
        var released = Interlocked.Exchange(ref _pollRelease, new CancellationTokenSource());
        released.Cancel();
    }

    internal void EndUpgrade(bool completed)
    {
        lock (_sendLock)
        {
            Upgrading = false;
            if (completed) Transport = EngineTransport.WebSocket;
        }
        _upgradeDone?.TrySetResult(completed);
    }

    /// <summary>Closes the session once: the queue is completed (what is in it still goes out), then the application hears of it.</summary>
    public void Close(string reason, bool byClient = false)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0) return;
        if (byClient) CloseFrame = EngineFrame.Noop;
        // A client's close that overtook its own GET (two requests in flight at once) leaves that GET one noop to collect.
        if (byClient && Transport == EngineTransport.Polling && Volatile.Read(ref ActiveGet) == 0) Volatile.Write(ref _closeNotice, 1);
        _logger.LogDebug("Engine.IO session {EngineSid} closed: {Reason}", Id, reason);
        lock (_sendLock)
        {
            _directWriter = null;
            _outbound.Writer.TryComplete();
        }
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
        try
        {
            while (!IsClosed)
            {
                await Task.Delay(interval, Closed);
                var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _pongDeadline, Environment.TickCount64 + Options.PingTimeout);
                Volatile.Write(ref _deadlineRefreshed, 0);
                _pong = pong;
                Send(EngineFrame.Ping);
                while (!pong.Task.IsCompleted)
                {
                    var remaining = Volatile.Read(ref _pongDeadline) - Environment.TickCount64;
                    if (remaining <= 0)
                    {
                        Close("ping timeout");
                        return;
                    }
                    await Task.WhenAny(pong.Task, Task.Delay(TimeSpan.FromMilliseconds(remaining), Closed));
                    Closed.ThrowIfCancellationRequested();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closed meanwhile.
        }
    }
}
