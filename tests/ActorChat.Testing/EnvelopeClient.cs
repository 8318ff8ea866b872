using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ActorChat.Testing;

/// <summary>
/// A raw WebSocket client of ActorChat's JSON envelope, built on <see cref="ClientWebSocket"/>.
/// Frames are read in the background so a test can wait for the one it cares about.
/// </summary>
public sealed class EnvelopeClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = Inbox<JsonElement>.DefaultTimeout;

    private readonly ClientWebSocket _socket;
    private readonly Inbox<JsonElement> _frames = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<JsonElement> _received = new();
    private readonly Task _reader;
    private long _nextAck;

    private EnvelopeClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public string Sid { get; private set; } = "";
    public string User { get; private set; } = "";
    /// <summary>The session token the server's <c>connect</c> event gave (what a reconnect resumes with).</summary>
    public string? Session { get; private set; }
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public string? CloseDescription => _socket.CloseStatusDescription;
    public WebSocketState State => _socket.State;

    /// <summary>Every frame received so far, in order, whether or not a wait consumed it.</summary>
    public IReadOnlyCollection<JsonElement> Received => _received;

    /// <summary>The arguments of every <paramref name="event"/> received so far.</summary>
    public IEnumerable<JsonElement[]> ReceivedEvents(string @event) =>
        _received.Where(f => f.TryGetProperty("event", out var name) && name.GetString() == @event)
            .Select(f => f.GetProperty("args").EnumerateArray().ToArray());

    /// <summary>Connects and waits for the server's <c>connect</c> event.</summary>
    public static async Task<EnvelopeClient> ConnectAsync(Uri uri, IReadOnlyDictionary<string, string>? headers = null)
    {
        var client = await OpenAsync(uri, headers);
        var connect = await client.NextEventAsync("connect");
        client.Sid = connect[0].GetProperty("sid").GetString()!;
        client.User = connect[0].GetProperty("user").GetString()!;
        client.Session = connect[0].TryGetProperty("session", out var session) ? session.GetString() : null;
        return client;
    }

    /// <summary>Opens the socket without waiting for anything (for refusals).</summary>
    public static async Task<EnvelopeClient> OpenAsync(Uri uri, IReadOnlyDictionary<string, string>? headers = null)
    {
        var socket = new ClientWebSocket();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) socket.Options.SetRequestHeader(name, value);
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new EnvelopeClient(socket);
    }

    public Task EmitAsync(string @event, params object?[] args) => SendRawAsync(JsonSerializer.Serialize(new { @event, args }));

    /// <summary>Emits with an ack id and waits for the ack's arguments.</summary>
    public async Task<JsonElement[]> EmitWithAckAsync(string @event, params object?[] args)
    {
        var id = Interlocked.Increment(ref _nextAck);
        await SendRawAsync(JsonSerializer.Serialize(new { @event, args, ack = id }));
        var frame = await NextFrameAsync(f => f.TryGetProperty("ack", out var ack) && ack.GetInt64() == id);
        return frame.GetProperty("args").EnumerateArray().ToArray();
    }

    /// <summary>Emits with an ack id and returns when the ack, or an error event, arrives; the error stays readable.</summary>
    public Task EmitAndWaitHandledAsync(string @event, params object?[] args) => EmitAndWaitHandledAsync(DefaultTimeout, @event, args);

    /// <inheritdoc cref="EmitAndWaitHandledAsync(string, object?[])"/>
    public async Task EmitAndWaitHandledAsync(TimeSpan timeout, string @event, params object?[] args)
    {
        var id = Interlocked.Increment(ref _nextAck);
        await SendRawAsync(JsonSerializer.Serialize(new { @event, args, ack = id }));
        var frame = await NextFrameAsync(f =>
            (f.TryGetProperty("ack", out var ack) && ack.GetInt64() == id) ||
            (f.TryGetProperty("event", out var name) && name.GetString() == "error"), timeout);
        if (frame.TryGetProperty("event", out _)) _frames.PutBack(frame);
    }

    public Task SendRawAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type) =>
        await _socket.SendAsync(bytes, type, true, CancellationToken.None);

    /// <summary>Waits for the next event of that name (others are kept for later waits) and returns its arguments.</summary>
    public async Task<JsonElement[]> NextEventAsync(string @event, Func<JsonElement[], bool>? match = null, TimeSpan? timeout = null)
    {
        var frame = await NextFrameAsync(f =>
            f.TryGetProperty("event", out var name) && name.GetString() == @event &&
            (match is null || match(f.GetProperty("args").EnumerateArray().ToArray())), timeout);
        return frame.GetProperty("args").EnumerateArray().ToArray();
    }

    /// <summary>True when no event of that name arrives within the window.</summary>
    public Task<bool> ReceivesNoneAsync(string @event, TimeSpan window) =>
        _frames.ReceivesNoneAsync(f => f.TryGetProperty("event", out var name) && name.GetString() == @event, window);

    public Task<JsonElement> NextFrameAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null) =>
        _frames.NextAsync(match, timeout, () => $"socket {State} {CloseStatus} {CloseDescription};");

    /// <summary>Waits until the server closes the socket.</summary>
    public async Task WaitClosedAsync(TimeSpan? timeout = null) => await _reader.WaitAsync(timeout ?? DefaultTimeout);

    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await _reader.WaitAsync(DefaultTimeout);
    }

    /// <summary>Drops the connection the way a network failure does: no close handshake.</summary>
    public async Task AbortAsync()
    {
        _socket.Abort();
        try
        {
            await _reader.WaitAsync(DefaultTimeout);
        }
        catch (OperationCanceledException)
        {
            // The read in progress ends with the abort.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await CloseAsync(); } catch (Exception) { /* already gone */ }
        _socket.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
                    length += result.Count;
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the server's close frame, as a well-behaved client does.
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                var frame = document.RootElement.Clone();
                _received.Enqueue(frame);
                _frames.Add(frame);
            }
        }
        catch (WebSocketException)
        {
            // The server dropped the connection; tests see it as a closed channel.
        }
        finally
        {
            _frames.Close();
        }
    }
}
