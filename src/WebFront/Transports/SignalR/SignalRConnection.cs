using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;
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
    int queueLimit) : IRealtimeConnection
{
    private readonly Outbox<(string Method, object?[] Args)> _outbox = new(queueLimit,
        call => new ValueTask(hub.Clients.Client(connectionId).SendCoreAsync(call.Method, call.Args, caller.ConnectionAborted)));

    public ClientConnection Info { get; } = info;

    public void Send(PreparedEvent @event)
    {
        // A full queue means the client is not reading: drop it instead of buffering without bound.
        if (!_outbox.TryEnqueue((@event.Event.Name, @event.Frame(encoder)))) caller.Abort();
    }

    public void Close(string reason) => caller.Abort();

    /// <summary>Accepts no more events; the task completes once what is queued has gone out.</summary>
    public Task FinishAsync()
    {
        _outbox.Complete();
        return _outbox.Finished;
    }
}
