namespace ActorChat.Realtime;

/// <summary>
/// A grain that holds connections of several fronts (room, user, namespace). Members are kept per
/// front, keyed by connection id, with the lease epoch they were added under, so a front's lease
/// decides what the grain keeps.
/// </summary>
public interface IFrontMemberGrain : IGrainWithStringKey
{
    /// <summary>Drops a front's members added under an epoch below <paramref name="belowEpoch"/> (its lease expired).</summary>
    Task ForgetFront(string frontId, long belowEpoch);

    /// <summary>Replaces everything the grain holds of one front by <paramref name="members"/> (the front re-registered).</summary>
    Task SyncFront(FrontEntry front, ClientConnection[] members);
}
