
namespace ActorChat.Realtime;

/// <summary>A live connection: one socket in one namespace, held by one front.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.ClientConnection")]
public sealed record ClientConnection(
    [property: Id(0)] string Sid,
    [property: Id(1)] string Namespace,
    [property: Id(2)] string User,
    [property: Id(3)] string Transport,
    [property: Id(4)] string FrontId);
