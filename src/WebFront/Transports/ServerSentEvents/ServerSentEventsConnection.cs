using ActorChat.Realtime;
using System.Text;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Transports.ServerSentEvents;

/// <summary>A Server-Sent Events stream, as the pipeline sees it: a connection that only receives.</summary>
public sealed class ServerSentEventsConnection : IRealtimeConnection
{
    private readonly HttpContext _http;
    private readonly ServerSentEventEncoder _encoder;
    private readonly Outbox<byte[]> _outbox;
    private readonly CancellationTokenSource _closed = new();
    private string? _session;
    private bool _refused;

    public ServerSentEventsConnection(HttpContext http, ClientConnection info, ServerSentEventEncoder encoder, int queueLimit)
    {
        _http = http;
        _encoder = encoder;
        Info = info;
        _outbox = new Outbox<byte[]>(queueLimit, WriteAsync);
    }

    public ClientConnection Info { get; }

    /// <summary>Cancelled when the server ends the stream (shutdown, or a client too slow to keep up).</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Whether anything was written, which starts the response: a refusal is possible only before.</summary>
    public bool Started => _http.Response.HasStarted;

    /// <summary>
    /// False once the server refused the connection (an expired token): its session ends with it. Any other end,
    /// the client's or a draining server's, looks the same from here as a cut network, so the session is kept.
    /// </summary>
    public bool Resumable => !Volatile.Read(ref _refused);

    /// <summary>
    /// From now on room messages carry the session in their <c>id:</c>; this first sends an id-only message, so
    /// that <c>EventSource</c> names the session when it reconnects even before any room message came.
    /// </summary>
    public void StartSession(string token)
    {
        _session = token;
        Enqueue(Encoding.UTF8.GetBytes($"id: {token}\n\n"));
    }

    public void Send(PreparedEvent @event)
    {
        var frame = @event.Frame(_encoder);
        if (_session is { } session && @event is { Room: not null, Offset: > 0 })
            frame = [.. Encoding.UTF8.GetBytes($"id: {ServerSentEventId.Of(session, @event)}\n"), .. frame];
        Enqueue(frame);
    }

    public void SendHeartbeat() => Enqueue(ServerSentEventEncoder.Heartbeat);

    public void Close(ConnectionRefusal refusal)
    {
        Volatile.Write(ref _refused, true);
        Close(refusal.Reason);
    }

    public void Close(string reason)
    {
        _outbox.Complete();
        _closed.Cancel();
    }

    /// <summary>Accepts no more events; the task completes once what is queued has gone out.</summary>
    public Task FinishAsync()
    {
        _outbox.Complete();
        return _outbox.Finished;
    }

    private void Enqueue(byte[] frame)
    {
        // A full queue means the client is not reading: drop it instead of buffering without bound.
        if (_outbox.TryEnqueue(frame)) return;
        _http.Abort();
        _closed.Cancel();
    }

    private async ValueTask WriteAsync(byte[] frame)
    {
        var aborted = _http.RequestAborted;
        await _http.Response.Body.WriteAsync(frame, aborted);
        await _http.Response.Body.FlushAsync(aborted);
    }
}
