namespace ActorChat.Realtime;

/// <summary>A live front: its id (the prefix of every connection id it issues) and how to reach it.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.FrontEntry")]
public sealed record FrontEntry(
    [property: Id(0)] string FrontId,
    [property: Id(1)] IFrontObserver Observer);
