using System.Threading.Channels;

namespace ActorChat.Testing;

/// <summary>
/// What a test client has received, in order. A wait takes the first item that matches and keeps
/// the others for later waits, so a test can wait for what it cares about in any order.
/// </summary>
public sealed class Inbox<T>
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<T> _arrivals = Channel.CreateUnbounded<T>();
    private readonly List<T> _kept = [];

    public void Add(T item) => _arrivals.Writer.TryWrite(item);

    /// <summary>No more items will arrive (the connection closed).</summary>
    public void Close() => _arrivals.Writer.TryComplete();

    /// <summary>Puts an item back at the front, for a later wait to take.</summary>
    public void PutBack(T item)
    {
        lock (_kept) _kept.Insert(0, item);
    }

    public async Task<T> NextAsync(Func<T, bool> match, TimeSpan? timeout = null, Func<string>? describe = null)
    {
        lock (_kept)
        {
            var index = _kept.FindIndex(item => match(item));
            if (index >= 0)
            {
                var found = _kept[index];
                _kept.RemoveAt(index);
                return found;
            }
        }
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var item = await _arrivals.Reader.ReadAsync(cancel.Token);
                if (match(item)) return item;
                lock (_kept) _kept.Add(item);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            var why = ex is ChannelClosedException ? "the connection closed" : $"{timeout ?? DefaultTimeout} passed";
            lock (_kept) throw new TimeoutException($"Nothing matching arrived before {why}; {describe?.Invoke()} kept: {string.Join(" ", _kept)}");
        }
    }

    /// <summary>True when nothing matching arrives within the window.</summary>
    public async Task<bool> ReceivesNoneAsync(Func<T, bool> match, TimeSpan window)
    {
        try
        {
            await NextAsync(match, window);
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }
}
