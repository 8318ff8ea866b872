using ActorChat.Realtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Grains.Realtime;

public sealed class RoomGrain(FrontTracker tracker, GrainHandOver handOver, IOptions<RecoveryOptions> recovery, TimeProvider clock, ILogger<RoomGrain> logger)
    : MemberGrain(tracker, logger), IRoomGrain
{
    private const string HistoryKey = "history";

    // In memory only: a room that comes back without it (its silo died, it was collected) starts a new epoch. A silo
    // that stops hands it to the room's next activation (GrainHandOver). The members are rebuilt from the fronts either way.
    private HistoryLog _history = new(recovery.Value, clock);
    private readonly Dictionary<string, int> _connectionsPerUser = new(StringComparer.Ordinal);
    private readonly List<string> _presenceChanged = [];
    private string _namespace = "";
    private string _room = "";

    protected override MemberScope Scope => MemberScope.Room;

    protected override string Kind => "room";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_namespace, _room) = RoomKey.Parse(this.GetPrimaryKeyString());
        handOver.Add(GrainContext);
        return base.OnActivateAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        handOver.Remove(GrainContext);
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public override void OnDehydrate(IDehydrationContext context)
    {
        base.OnDehydrate(context);
        context.TryAddValue(HistoryKey, _history.Snapshot());
    }

    public override void OnRehydrate(IRehydrationContext context)
    {
        base.OnRehydrate(context);
        if (context.TryGetValue(HistoryKey, out HistorySnapshot? handedOver)) _history = new HistoryLog(recovery.Value, clock, handedOver);
    }

    public Task<RoomChange> Join(ClientConnection connection, FrontEntry front)
    {
        _presenceChanged.Clear();
        var changed = AddMember(connection, front);
        return Task.FromResult(Change(connection.User, changed));
    }

    public Task<RoomChange> Leave(string sid)
    {
        _presenceChanged.Clear();
        var member = RemoveMember(sid);
        return Task.FromResult(Change(member?.User ?? "", member is not null));
    }

    public Task<RoomMembers> GetMembers() => Task.FromResult(new RoomMembers(
        _namespace,
        _room,
        Members.Count,
        _connectionsPerUser.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new RoomUser(u.Key, u.Value)).ToArray()));

    public Task Broadcast(OutboundEvent @event, string? exceptSid)
    {
        // Numbered and kept before any front has it, in the order the grain took the calls.
        var offset = _history.Append(@event);
        return DeliverToAll(new Delivery(_namespace, DeliveryScope.Room, @event, Room: _room, ExceptSid: exceptSid) { Id = @event.Id, Offset = offset });
    }

    public Task<RoomHistory> GetHistory(long? after, int limit) => Task.FromResult(_history.Read(after, limit));

    /// <summary>
    /// Keeps the per-user counts and tells the room when a user's first connection arrives
    /// (<c>joined</c>) or their last one goes (<c>left</c>), whether it left, closed, or its front died.
    /// </summary>
    protected override void OnMembersChanged(IReadOnlyList<ClientConnection> added, IReadOnlyList<ClientConnection> removed, bool announce)
    {
        foreach (var member in added)
        {
            var count = _connectionsPerUser.GetValueOrDefault(member.User) + 1;
            _connectionsPerUser[member.User] = count;
            if (count == 1) Announce(member.User, PresenceEvent.Joined, announce);
        }
        foreach (var member in removed)
        {
            var count = _connectionsPerUser[member.User] - 1;
            if (count > 0)
            {
                _connectionsPerUser[member.User] = count;
                continue;
            }
            _connectionsPerUser.Remove(member.User);
            Announce(member.User, PresenceEvent.Left, announce);
        }
    }

    /// <summary>
    /// Users the fronts' clients still think are here, but who have no connection left: they went with
    /// the silo this room lived on (a process that was silo and front at once). Tell the room they left.
    /// </summary>
    protected override void OnRebuilt(IReadOnlySet<string> presentUsers)
    {
        foreach (var user in presentUsers.Where(u => !_connectionsPerUser.ContainsKey(u)))
            Announce(user, PresenceEvent.Left, announce: true);
    }

    private void Announce(string user, string status, bool announce)
    {
        _presenceChanged.Add(user);
        if (!announce) return;
        var delivery = new Delivery(_namespace, DeliveryScope.Room, PresenceEvent.Of(_room, user, status), Room: _room)
        {
            Presence = new PresenceChange(user, status == PresenceEvent.Joined),
        };
        // The change that caused it does not wait for the announcement to land.
        DeliverToAll(delivery).Ignore();
    }

    private RoomChange Change(string user, bool changed) =>
        new(_room, user, changed, _presenceChanged.Contains(user), Members.Count) { Epoch = _history.Epoch, Offset = _history.Offset };
}
