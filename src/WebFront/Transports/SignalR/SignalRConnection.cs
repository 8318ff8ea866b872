using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.AspNetCore.SignalR;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>
/// A SignalR client of the chat hub, as the pipeline sees it. Events become invocations of the client
/// method named after the event, with the arguments spread.
/// </summary>
public sealed class SignalRConnection(
    string connectionId,
    ClientConnection info,
    IHubContext<RealtimeHub> hub,
    HubArgsEncoder encoder,
    HubCallerContext caller,
    SignalRLifetime lifetime,
    int queueLimit) : IRealtimeConnection
{
    // A call with no method is the close message: it goes out after everything queued before it.
    private readonly Outbox<(string? Method, object?[] Args)> _outbox = new(queueLimit,
        call => call.Method is null
            ? new ValueTask(lifetime.CloseWithErrorAsync(connectionId, (string)call.Args[0]!))
            : new ValueTask(hub.Clients.Client(connectionId).SendCoreAsync(call.Method, call.Args, caller.ConnectionAborted)));

    public ClientConnection Info { get; } = info;

    public void Send(PreparedEvent @event)
    {
        // A full queue means the client is not reading: drop it instead of buffering without bound.
        if (!_outbox.TryEnqueue((@event.Event.Name, @event.Frame(encoder))) && !_outbox.IsCompleted) caller.Abort();
    }

    public void Close(string reason) => caller.Abort();

    /// <summary>The client's <c>onclose</c> gets the reason (SignalR's close message with an error).</summary>
    public void Close(ConnectionRefusal refusal)
    {
        if (_outbox.IsCompleted) return;
        if (!_outbox.TryEnqueue((null, [refusal.Reason]))) caller.Abort();
        _outbox.Complete();
    }

    /// <summary>Accepts no more events; the task completes once what is queued has gone out.</summary>
    public Task FinishAsync()
    {
        _outbox.Complete();
        return _outbox.Finished;
    }
}
