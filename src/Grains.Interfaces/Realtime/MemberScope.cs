namespace ActorChat.Realtime;

/// <summary>Which grain's slice of a front's connections a rebuild asks for.</summary>
[GenerateSerializer, Alias("ActorChat.MemberScope")]
public enum MemberScope
{
    /// <summary>The connections in a room; the key is a <see cref="RoomKey"/>.</summary>
    Room,
    /// <summary>The connections of a user; the key is the user id.</summary>
    User,
    /// <summary>The connections in a namespace; the key is the namespace.</summary>
    Namespace,
}

/// <summary>
/// A front's connections that belong to one grain, at the front's current lease epoch. For a room,
/// also the users the front's clients were last told are present there.
/// </summary>
[GenerateSerializer, Immutable, Alias("ActorChat.FrontSlice")]
public sealed record FrontSlice(
    [property: Id(0)] long Epoch,
    [property: Id(1)] ClientConnection[] Members,
    [property: Id(2)] string[]? PresentUsers = null);
