using ActorChat.WebFront.GraphQL.Execution;

namespace ActorChat.WebFront.GraphQL.WebSockets;

/// <summary>
/// One operation running on a socket, from its <c>subscribe</c> until it completes, fails or the client completes
/// it: its cancellation, what it opened in the event model (<see cref="Origin"/>) and its stream's subscription.
/// </summary>
internal sealed class SocketOperation(string id, RequestOrigin origin) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private IDisposable? _stream;
    private int _ended;

    public string Id { get; } = id;

    public RequestOrigin Origin { get; } = origin;

    public CancellationToken Cancellation => _cancellation.Token;

    public bool Ended => Volatile.Read(ref _ended) == 1;

    /// <summary>Keeps the stream's subscription to end with the operation (ends it at once if the operation has ended).</summary>
    public void Follow(IDisposable stream)
    {
        _stream = stream;
        if (Ended) stream.Dispose();
    }

    /// <summary>Ends the operation once: no more results, its connections closed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1) return;
        _cancellation.Cancel();
        _stream?.Dispose();
        Origin.Dispose();
        _cancellation.Dispose();
    }
}
