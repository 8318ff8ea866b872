using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>
/// A SignalR client of the chat hub, as the pipeline sees it. Events become invocations of the client
/// method named after the event, with the arguments spread.
/// </summary>
public sealed class SignalRConnection(
    string connectionId,
    ClientConnection info,
    IHubContext<ChatHub> hub,
    HubArgsEncoder encoder,
    HubCallerContext caller,
    int queueLimit) : IRealtimeConnection
{
    private readonly Outbox<(string Method, object?[] Args)> _outbox = new(queueLimit);

    public ClientConnection Info { get; } = info;

    public void Send(PreparedEvent @event)
    {
        // A full queue means the client is not reading: drop it instead of buffering without bound.
        if (!_outbox.TryEnqueue((@event.Event.Name, @event.Frame(encoder)))) caller.Abort();
    }

    public void Close(string reason) => caller.Abort();

    /// <summary>Invokes the client's methods in the order events were queued.</summary>
    public Task RunWriterAsync(CancellationToken cancellationToken) =>
        _outbox.RunAsync(call => new ValueTask(hub.Clients.Client(connectionId).SendCoreAsync(call.Method, call.Args, cancellationToken)), cancellationToken);

    public void CompleteWriter() => _outbox.Complete();
}
