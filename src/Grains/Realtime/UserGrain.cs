using ActorChat.Realtime;

namespace ActorChat.Grains.Realtime;

public sealed class UserGrain : MemberGrain, IUserGrain
{
    private readonly Dictionary<string, ClientConnection> _connections = new();
    private readonly FrontSet _fronts = new();

    public Task<UserPresence> AddConnection(ClientConnection connection, IFrontObserver front)
    {
        if (_connections.TryAdd(connection.Sid, connection)) _fronts.Add(connection.FrontId, front);
        StayActiveWhile(true);
        return GetPresence();
    }

    public Task<UserPresence> RemoveConnection(string sid)
    {
        if (_connections.Remove(sid, out var connection)) _fronts.Remove(connection.FrontId);
        StayActiveWhile(_connections.Count > 0);
        return GetPresence();
    }

    public Task<UserPresence> GetPresence() => Task.FromResult(new UserPresence(
        this.GetPrimaryKeyString(),
        _connections.Count > 0,
        _connections.Values
            .OrderBy(c => c.Sid, StringComparer.Ordinal)
            .Select(c => new UserConnection(c.Sid, c.Namespace, c.Transport, c.FrontId))
            .ToArray()));

    public Task Deliver(string @namespace, OutboundEvent @event, string? exceptSid)
    {
        var targets = _connections.Values.Where(c => c.Namespace == @namespace && c.Sid != exceptSid);
        foreach (var onFront in targets.GroupBy(c => c.FrontId))
        {
            var delivery = new Delivery(@namespace, DeliveryScope.Connections, @event, Sids: onFront.Select(c => c.Sid).ToArray());
            _fronts.Find(onFront.Key)?.Deliver(delivery).Ignore();
        }
        return Task.CompletedTask;
    }
}
