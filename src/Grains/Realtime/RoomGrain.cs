using ActorChat.Realtime;

namespace ActorChat.Grains.Realtime;

public sealed class RoomGrain : MemberGrain, IRoomGrain
{
    private readonly Dictionary<string, ClientConnection> _members = new();
    private readonly Dictionary<string, int> _connectionsPerUser = new();
    private readonly FrontSet _fronts = new();
    private string _namespace = "";
    private string _room = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_namespace, _room) = RoomKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<RoomChange> Join(ClientConnection connection, IFrontObserver front)
    {
        if (_members.ContainsKey(connection.Sid))
            return Task.FromResult(Change(connection.User, changed: false, userChanged: false));

        _members.Add(connection.Sid, connection);
        _fronts.Add(connection.FrontId, front);
        var userConnections = _connectionsPerUser.GetValueOrDefault(connection.User) + 1;
        _connectionsPerUser[connection.User] = userConnections;
        StayActiveWhile(true);
        return Task.FromResult(Change(connection.User, changed: true, userChanged: userConnections == 1));
    }

    public Task<RoomChange> Leave(string sid)
    {
        if (!_members.Remove(sid, out var connection))
            return Task.FromResult(Change(user: "", changed: false, userChanged: false));

        _fronts.Remove(connection.FrontId);
        var userConnections = _connectionsPerUser[connection.User] - 1;
        if (userConnections == 0) _connectionsPerUser.Remove(connection.User);
        else _connectionsPerUser[connection.User] = userConnections;
        StayActiveWhile(_members.Count > 0);
        return Task.FromResult(Change(connection.User, changed: true, userChanged: userConnections == 0));
    }

    public Task<RoomMembers> GetMembers() => Task.FromResult(new RoomMembers(
        _namespace,
        _room,
        _members.Count,
        _connectionsPerUser.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new RoomUser(u.Key, u.Value)).ToArray()));

    public Task Broadcast(OutboundEvent @event, string? exceptSid)
    {
        _fronts.DeliverToAll(new Delivery(_namespace, DeliveryScope.Room, @event, Room: _room, ExceptSid: exceptSid));
        return Task.CompletedTask;
    }

    private RoomChange Change(string user, bool changed, bool userChanged) =>
        new(_room, user, changed, userChanged, _members.Count);
}
