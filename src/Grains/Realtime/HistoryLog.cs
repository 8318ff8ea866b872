using ActorChat.Realtime;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// A room's recent messages in memory, numbered from 1 within an epoch: at most
/// <see cref="RecoveryOptions.HistoryLength"/> of them, none older than <see cref="RecoveryOptions.HistoryWindow"/>.
/// The epoch is new with every log, so a room grain that comes back without its history (it was
/// collected, or its silo died) tells clients that offsets they hold from before mean nothing now.
/// </summary>
internal sealed class HistoryLog
{
    private readonly RecoveryOptions options;
    private readonly TimeProvider clock;
    private readonly Queue<KeptMessage> _messages = new();
    private readonly Dictionary<Guid, long> _offsetOfEmit = [];

    /// <summary>A new history, in a new epoch; or, handed over from the room's previous activation, that one's.</summary>
    public HistoryLog(RecoveryOptions options, TimeProvider clock, HistorySnapshot? handedOver = null)
    {
        (this.options, this.clock) = (options, clock);
        Epoch = handedOver?.Epoch ?? Guid.NewGuid().ToString("N")[..12];
        if (handedOver is null) return;
        Offset = handedOver.Offset;
        foreach (var kept in handedOver.Messages) Keep(kept);
    }

    public string Epoch { get; }

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
        Keep(new KeptMessage(new HistoryMessage(Offset, @event), clock.GetUtcNow()));
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

    /// <summary>Everything this history holds, for the room's next activation on another silo.</summary>
    public HistorySnapshot Snapshot() => new(Epoch, Offset, _messages.ToArray());

    private void Keep(KeptMessage kept)
    {
        _messages.Enqueue(kept);
        _offsetOfEmit[kept.Message.Event.Id] = kept.Message.Offset;
    }

    private void Forget() => _offsetOfEmit.Remove(_messages.Dequeue().Message.Event.Id);
}

/// <summary>A room's history as its activation hands it to the next one (<see cref="GrainHandOver"/>).</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.HistorySnapshot")]
internal sealed record HistorySnapshot(
    [property: Id(0)] string Epoch,
    [property: Id(1)] long Offset,
    [property: Id(2)] KeptMessage[] Messages);

/// <summary>A message of a room's history and when the room took it (the history window counts from then).</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.KeptMessage")]
internal sealed record KeptMessage(
    [property: Id(0)] HistoryMessage Message,
    [property: Id(1)] DateTimeOffset At);
