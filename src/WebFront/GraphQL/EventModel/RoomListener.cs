using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;

namespace ActorChat.WebFront.GraphQL.EventModel;

/// <summary>
/// A GraphQL subscription as the event model sees it: a receive-only connection, admitted and registered like any
/// client's and a member of one room, so it hears what every transport's clients hear there, through the room's
/// one delivery per front. Each delivered event is mapped (or skipped) and handed to GraphQL as the next value of
/// the subscription's source stream. Disposing it leaves the room and closes the connection.
/// </summary>
public sealed class RoomListener(ClientConnection info, Func<ParsedEvent, object?> map, EventParser parser, Action<RoomListener> closed)
    : IRealtimeConnection, IObservable<object?>, IDisposable
{
    // Events heard between joining the room and GraphQL subscribing to the stream are kept, up to this many.
    private const int MaxEarlyEvents = 1000;

    private readonly Lock _lock = new();
    private List<object>? _early = [];
    private IObserver<object?>? _observer;
    private bool _completed;
    private ConnectionRefusal? _refusal;
    private bool _disposed;

    public ClientConnection Info { get; } = info;

    public void Send(PreparedEvent @event)
    {
        if (map(@event.Frame(parser)) is not { } value) return;
        // Deliveries may arrive on several threads at once; the stream's observer takes one value at a time.
        lock (_lock)
        {
            if (_disposed || _completed) return;
            if (_observer is null)
            {
                if (_early!.Count < MaxEarlyEvents) _early.Add(value);
                return;
            }
            _observer.OnNext(value);
        }
    }

    /// <summary>The server closes the connection (shutting down, draining): the subscription completes.</summary>
    public void Close(string reason)
    {
        lock (_lock)
        {
            if (_completed) return;
            _completed = true;
            _observer?.OnCompleted();
        }
    }

    /// <summary>
    /// The connection may not stay (its token expired): the subscription ends with an error carrying the refusal's
    /// code, such as <c>TOKEN_EXPIRED</c>, so the client knows to subscribe again with fresh credentials.
    /// </summary>
    public void Close(ConnectionRefusal refusal)
    {
        lock (_lock)
        {
            if (_completed) return;
            _completed = true;
            _refusal = refusal;
            _observer?.OnError(RoomListeners.Refused(refusal));
        }
    }

    public IDisposable Subscribe(IObserver<object?> observer)
    {
        lock (_lock)
        {
            if (_observer is not null) throw new InvalidOperationException("A room listener feeds one subscription.");
            _observer = observer;
            foreach (var value in _early ?? []) observer.OnNext(value);
            _early = null;
            if (_refusal is not null) observer.OnError(RoomListeners.Refused(_refusal));
            else if (_completed) observer.OnCompleted();
        }
        return this;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _observer = null;
        }
        closed(this);
    }
}
