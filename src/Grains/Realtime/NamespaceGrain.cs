using ActorChat.Realtime;

namespace ActorChat.Grains.Realtime;

public sealed class NamespaceGrain : MemberGrain, INamespaceGrain
{
    private readonly FrontSet _fronts = new();
    private int _connections;

    public Task AddConnection(string frontId, IFrontObserver front)
    {
        _fronts.Add(frontId, front);
        _connections++;
        StayActiveWhile(true);
        return Task.CompletedTask;
    }

    public Task RemoveConnection(string frontId)
    {
        if (_fronts.Find(frontId) is null) return Task.CompletedTask;
        _fronts.Remove(frontId);
        _connections--;
        StayActiveWhile(_connections > 0);
        return Task.CompletedTask;
    }

    public Task<NamespaceInfo> GetInfo() =>
        Task.FromResult(new NamespaceInfo(this.GetPrimaryKeyString(), _connections, _fronts.Counts.ToArray()));

    public Task Broadcast(OutboundEvent @event, string? exceptSid)
    {
        _fronts.DeliverToAll(new Delivery(this.GetPrimaryKeyString(), DeliveryScope.Namespace, @event, ExceptSid: exceptSid));
        return Task.CompletedTask;
    }
}
