namespace ActorChat.WebFront.Realtime;

/// <summary>Who an emit reaches.</summary>
public enum TargetKind { Namespace, Room, User, Connection }

/// <summary>Who an emit reaches: a whole namespace, a room, every connection of a user, or one connection; optionally not one connection.</summary>
public sealed record EmitTarget(TargetKind Kind, string? Name = null, string? ExceptSid = null)
{
    public static EmitTarget Namespace { get; } = new(TargetKind.Namespace);

    public static EmitTarget Room(string room) => new(TargetKind.Room, room);

    public static EmitTarget User(string user) => new(TargetKind.User, user);

    public static EmitTarget Connection(string sid) => new(TargetKind.Connection, sid);

    /// <summary>The same target without one connection (usually the sender).</summary>
    public EmitTarget Except(string? sid) => this with { ExceptSid = sid };
}
