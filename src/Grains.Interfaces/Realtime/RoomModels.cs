namespace ActorChat.Realtime;

/// <summary>What a join or leave did to a room.</summary>
/// <param name="Changed">False when the connection was already in (join) or not in (leave) the room.</param>
/// <param name="UserPresenceChanged">True when this was the user's first connection in the room (join) or last (leave).</param>
[GenerateSerializer, Immutable, Alias("ActorChat.RoomChange")]
public sealed record RoomChange(
    [property: Id(0)] string Room,
    [property: Id(1)] string User,
    [property: Id(2)] bool Changed,
    [property: Id(3)] bool UserPresenceChanged,
    [property: Id(4)] int Members)
{
    /// <summary>The room history's epoch when the change happened (see <see cref="RoomHistory"/>).</summary>
    [Id(5)] public string Epoch { get; init; } = "";

    /// <summary>The room's latest offset when the change happened: a member that joined hears every message after it.</summary>
    [Id(6)] public long Offset { get; init; }
}

/// <summary>A user in a room, with how many of their connections are in it.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.RoomUser")]
public sealed record RoomUser(
    [property: Id(0)] string User,
    [property: Id(1)] int Connections);

/// <summary>A room's members, grouped by user.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.RoomMembers")]
public sealed record RoomMembers(
    [property: Id(0)] string Namespace,
    [property: Id(1)] string Room,
    [property: Id(2)] int Connections,
    [property: Id(3)] RoomUser[] Users);
