namespace ActorChat.Realtime;

/// <summary>Which of a front's local connections a delivery is for.</summary>
[GenerateSerializer, Alias("ActorChat.DeliveryScope")]
public enum DeliveryScope
{
    /// <summary>Every local connection of the namespace.</summary>
    Namespace,
    /// <summary>Every local connection of the namespace that is in <see cref="Delivery.Room"/>.</summary>
    Room,
    /// <summary>The local connections named in <see cref="Delivery.Sids"/>.</summary>
    Connections,
}

/// <summary>
/// An event a grain hands to one front, which delivers it to the matching local sockets. Its
/// <see cref="Id"/> lets a front recognise a delivery handed to it twice: a grain's retry after a lost answer,
/// or an emit tried again by its front (then the id is the emit's, <see cref="OutboundEvent.Id"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("ActorChat.Delivery")]
public sealed record Delivery(
    [property: Id(0)] string Namespace,
    [property: Id(1)] DeliveryScope Scope,
    [property: Id(2)] OutboundEvent Event,
    [property: Id(3)] string? Room = null,
    [property: Id(4)] string[]? Sids = null,
    [property: Id(5)] string? ExceptSid = null)
{
    [Id(6)] public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>
    /// Set on a room's <c>presence</c> announcement: who arrived or left. Fronts keep, per local room,
    /// which users their clients were told are present, so a room grain rebuilt after its silo died can
    /// still announce that a user who died with it left.
    /// </summary>
    [Id(7)] public PresenceChange? Presence { get; init; }

    /// <summary>
    /// Set on a room message the room's history keeps: its offset in the room (1, 2, 3, …), which clients
    /// use to resume. 0 on everything else (presence announcements, history off, other scopes).
    /// </summary>
    [Id(8)] public long Offset { get; init; }
}

/// <summary>A user arrived in (<paramref name="Present"/>) or left a room.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.PresenceChange")]
public sealed record PresenceChange(
    [property: Id(0)] string User,
    [property: Id(1)] bool Present);
