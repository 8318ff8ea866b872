
namespace ActorChat.Realtime;

/// <summary>One live connection of a user, as presence reports it.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.UserConnection")]
public sealed record UserConnection(
    [property: Id(0)] string Sid,
    [property: Id(1)] string Namespace,
    [property: Id(2)] string Transport,
    [property: Id(3)] string FrontId);

/// <summary>A user's presence: online while at least one connection is open anywhere in the cluster.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.UserPresence")]
public sealed record UserPresence(
    [property: Id(0)] string User,
    [property: Id(1)] bool Online,
    [property: Id(2)] UserConnection[] Connections);
