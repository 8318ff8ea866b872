namespace ActorChat.Realtime;

/// <summary>
/// The cluster's leases of live fronts (one activation, key <see cref="Key"/>). Its list survives a
/// reactivation (it is persisted whenever a front registers or expires), so a fresh activation never
/// reports a partial list: every grain that rebuilds its members from the fronts can trust it.
/// </summary>
public interface IFrontDirectoryGrain : IGrainWithStringKey
{
    const string Key = "fronts";

    /// <summary>
    /// Renews a front's lease. With <paramref name="register"/> the front takes a lease at
    /// <see cref="FrontEntry.Epoch"/> (refused when that epoch is not above every epoch it held before);
    /// without it, the lease is renewed only if it is still live at that epoch.
    /// </summary>
    Task<LeaseGrant> Renew(FrontEntry front, bool register);

    /// <summary>Returns every front that holds a live lease.</summary>
    Task<FrontEntry[]> GetFronts();

    /// <summary>Ends a front's lease now (the front is shutting down).</summary>
    Task Remove(string frontId);
}
