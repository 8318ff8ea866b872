namespace ActorChat.Realtime;

/// <summary>The front directory's answer to a lease renewal.</summary>
/// <param name="Renewed">False when the lease had expired: the front must register afresh with a higher epoch and re-tell its connections.</param>
/// <param name="Duration">How long the lease lasts without a renewal (<c>ActorChat:Fronts:ExpireAfter</c>).</param>
/// <param name="Fronts">Every live front, for pushes to connections on other fronts.</param>
[GenerateSerializer, Immutable, Alias("ActorChat.LeaseGrant")]
public sealed record LeaseGrant(
    [property: Id(0)] bool Renewed,
    [property: Id(1)] TimeSpan Duration,
    [property: Id(2)] FrontEntry[] Fronts);
