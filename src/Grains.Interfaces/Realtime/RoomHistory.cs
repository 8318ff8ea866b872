namespace ActorChat.Realtime;

/// <summary>A room message as the room's history keeps it: its offset in the room and the event (with its sender, <see cref="OutboundEvent.From"/>).</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.HistoryMessage")]
public sealed record HistoryMessage(
    [property: Id(0)] long Offset,
    [property: Id(1)] OutboundEvent Event);

/// <summary>
/// Part of a room's history. <paramref name="Epoch"/> names the history: it changes whenever the history
/// was lost (the room grain came back without it), so offsets of another epoch say nothing about this one.
/// </summary>
/// <param name="Offset">The offset of the room's latest message (0: none yet in this epoch).</param>
/// <param name="Messages">The messages asked for that the history still holds, oldest first.</param>
[GenerateSerializer, Immutable, Alias("ActorChat.RoomHistory")]
public sealed record RoomHistory(
    [property: Id(0)] string Epoch,
    [property: Id(1)] long Offset,
    [property: Id(2)] HistoryMessage[] Messages);
