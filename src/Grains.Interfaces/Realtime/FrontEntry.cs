namespace ActorChat.Realtime;

/// <summary>
/// A front's lease as grains see it: its id (the prefix of every connection id it issues), the
/// lease epoch, and how to reach it. A front gets a new epoch each time it registers afresh (after
/// its lease expired), so grains can tell its current connections from ones they kept from before.
/// </summary>
[GenerateSerializer, Immutable, Alias("ActorChat.FrontEntry")]
public sealed record FrontEntry(
    [property: Id(0)] string FrontId,
    [property: Id(1)] IFrontObserver Observer,
    [property: Id(2)] long Epoch = 1);
