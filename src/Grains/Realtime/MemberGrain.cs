using ActorChat.Realtime;
using Microsoft.Extensions.Logging;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// Base of the realtime grains (room, user, namespace). Their members live in memory only, grouped
/// by front: the sockets are the truth, and fronts hold leases. A new activation rebuilds its members
/// from the live fronts before it serves (<see cref="MemberRebuild"/>); members of a front whose lease
/// ended are dropped when this silo's <see cref="FrontLeaseWatcher"/> says so; a front that registers
/// afresh re-tells its slice (<see cref="SyncFront"/>). While it has members a grain is not collected.
/// </summary>
public abstract class MemberGrain(FrontTracker tracker, ILogger logger) : Grain, IFrontMemberGrain, IGrainMigrationParticipant
{
    private const string MembersKey = "members";
    private static readonly TimeSpan WhileOccupied = TimeSpan.FromDays(3650);

    private int _reportedFronts = -1;
    // Moved here from another silo with its members (GrainHandOver): nothing was lost, so nothing is rebuilt.
    private bool _handedOver;

    internal FrontMembers Members { get; } = new();

    /// <summary>Which slice of a front's connections belongs to this grain.</summary>
    protected abstract MemberScope Scope { get; }

    /// <summary>The grain's kind in metrics (<c>room</c>, <c>user</c>, <c>namespace</c>).</summary>
    protected abstract string Kind { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_handedOver)
        {
            logger.LogDebug("{Kind} {Key} moved here with {Members} members", Kind, this.GetPrimaryKeyString(), Members.Count);
            OnMembersChanged(Members.All.ToList(), [], announce: false);
            Changed();
            return;
        }
        var present = await MemberRebuild.LoadAsync(GrainFactory, Scope, this.GetPrimaryKeyString(), Members, logger, cancellationToken);
        if (Members.Count > 0) logger.LogInformation("{Kind} {Key} rebuilt {Members} members from the live fronts", Kind, this.GetPrimaryKeyString(), Members.Count);
        else logger.LogDebug("{Kind} {Key} activated on this silo", Kind, this.GetPrimaryKeyString());
        OnMembersChanged(Members.All.ToList(), [], announce: false);
        OnRebuilt(present);
        Changed();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        tracker.Forget(this.GetGrainId());
        return Task.CompletedTask;
    }

    public virtual void OnDehydrate(IDehydrationContext context) => context.TryAddValue(MembersKey, Members.Snapshot());

    public virtual void OnRehydrate(IRehydrationContext context)
    {
        if (!context.TryGetValue(MembersKey, out MembersSnapshot? handedOver)) return;
        Members.Restore(handedOver);
        _handedOver = true;
    }

    public Task ForgetFront(string frontId, long belowEpoch)
    {
        var gone = Members.Forget(frontId, belowEpoch);
        if (gone.Count > 0)
        {
            GrainMetrics.GhostConnectionsRemoved.Add(gone.Count);
            OnMembersChanged([], gone, announce: true);
        }
        Changed();
        return Task.CompletedTask;
    }

    public Task SyncFront(FrontEntry front, ClientConnection[] members)
    {
        var (added, removed) = Members.Replace(front, members);
        OnMembersChanged(added, removed, announce: true);
        Changed();
        return Task.CompletedTask;
    }

    /// <summary>Adds a member; false when it already was one.</summary>
    protected bool AddMember(ClientConnection member, FrontEntry front)
    {
        if (!Members.Add(member, front)) return false;
        OnMembersChanged([member], [], announce: true);
        Changed();
        return true;
    }

    /// <summary>Removes a member; null when it was not one.</summary>
    protected ClientConnection? RemoveMember(string sid)
    {
        if (Members.Remove(sid) is not { } member) return null;
        OnMembersChanged([], [member], announce: true);
        Changed();
        return member;
    }

    /// <summary>Hands a delivery to every front with members, counting the calls; completes when each front has it.</summary>
    protected Task DeliverToAll(Delivery delivery)
    {
        GrainMetrics.FanoutCalls.Add(Members.FrontCount, new KeyValuePair<string, object?>("grain", Kind));
        return Members.DeliverToAll(GrainFactory, delivery);
    }

    /// <summary>
    /// The grain was rebuilt; <paramref name="presentUsers"/> are those the fronts' clients were last told
    /// are present (rooms only), some of whom may have gone with the silo this grain lived on.
    /// </summary>
    protected virtual void OnRebuilt(IReadOnlySet<string> presentUsers)
    {
    }

    /// <summary>
    /// Members came or went. <paramref name="announce"/> is false while rebuilding: those members
    /// never left, so nobody is told they arrived.
    /// </summary>
    protected virtual void OnMembersChanged(IReadOnlyList<ClientConnection> added, IReadOnlyList<ClientConnection> removed, bool announce)
    {
    }

    private void Changed()
    {
        // A negative span hands the grain back to the silo's normal collection policy.
        DelayDeactivation(Members.Count > 0 ? WhileOccupied : TimeSpan.FromTicks(-1));
        if (Members.FrontsVersion == _reportedFronts) return;
        tracker.Report(this.GetGrainId(), Members.OldestEpochs);
        _reportedFronts = Members.FrontsVersion;
    }
}
