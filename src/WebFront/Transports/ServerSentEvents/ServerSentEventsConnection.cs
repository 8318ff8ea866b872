using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Transports.ServerSentEvents;

/// <summary>A Server-Sent Events stream, as the pipeline sees it: a connection that only receives.</summary>
public sealed class ServerSentEventsConnection : IRealtimeConnection
{
    private readonly HttpContext _http;
    private readonly ServerSentEventEncoder _encoder;
    private readonly Outbox<byte[]> _outbox;
    private readonly CancellationTokenSource _closed = new();

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

    public void Send(PreparedEvent @event) => Enqueue(@event.Frame(_encoder));

    public void SendHeartbeat() => Enqueue(ServerSentEventEncoder.Heartbeat);

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
