using ActorChat.Realtime;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// A room's recent messages in memory, numbered from 1 within an epoch: at most
/// <see cref="RecoveryOptions.HistoryLength"/> of them, none older than <see cref="RecoveryOptions.HistoryWindow"/>.
/// The epoch is new with every log, so a room grain that comes back without its history (it was
/// collected, or its silo died) tells clients that offsets they hold from before mean nothing now.
/// </summary>
internal sealed class HistoryLog(RecoveryOptions options, TimeProvider clock)
{
    private readonly Queue<(HistoryMessage Message, DateTimeOffset At)> _messages = new();
    private readonly Dictionary<Guid, long> _offsetOfEmit = [];

    public string Epoch { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The offset of the latest message (0 before the first).</summary>
    public long Offset { get; private set; }

    public int Count => _messages.Count;

    /// <summary>
    /// Numbers a message and keeps it; returns its offset, or 0 when history is off. An emit tried again
    /// (the same <see cref="OutboundEvent.Id"/>) keeps the offset it was given the first time.
    /// </summary>
    public long Append(OutboundEvent @event)
    {
        if (!options.KeepsHistory) return 0;
        if (_offsetOfEmit.TryGetValue(@event.Id, out var kept)) return kept;
        Offset++;
        _messages.Enqueue((new HistoryMessage(Offset, @event), clock.GetUtcNow()));
        _offsetOfEmit[@event.Id] = Offset;
        while (_messages.Count > options.HistoryLength) Forget();
        Trim();
        return Offset;
    }

    /// <summary>The kept messages after <paramref name="after"/> (null: the latest), at most <paramref name="limit"/>, oldest first.</summary>
    public RoomHistory Read(long? after, int limit)
    {
        Trim();
        var kept = _messages.Select(m => m.Message);
        var messages = after is { } from
            ? kept.Where(m => m.Offset > from).Take(limit).ToArray()
            : kept.TakeLast(limit).ToArray();
        return new RoomHistory(Epoch, Offset, messages);
    }

    private void Trim()
    {
        var oldest = clock.GetUtcNow() - options.HistoryWindow;
        while (_messages.TryPeek(out var first) && first.At < oldest) Forget();
    }

    private void Forget() => _offsetOfEmit.Remove(_messages.Dequeue().Message.Event.Id);
}
