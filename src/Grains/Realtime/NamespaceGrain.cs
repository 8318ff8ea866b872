using ActorChat.Realtime;
using Microsoft.Extensions.Logging;

namespace ActorChat.Grains.Realtime;

/// <summary>A namespace's connections by connection id (so a repeated or stale remove cannot miscount), grouped by front.</summary>
public sealed class NamespaceGrain(FrontTracker tracker, ILogger<NamespaceGrain> logger) : MemberGrain(tracker, logger), INamespaceGrain
{
    protected override MemberScope Scope => MemberScope.Namespace;

    protected override string Kind => "namespace";

    public Task AddConnection(ClientConnection connection, FrontEntry front)
    {
        AddMember(connection, front);
        return Task.CompletedTask;
    }

    public Task RemoveConnection(string sid)
    {
        RemoveMember(sid);
        return Task.CompletedTask;
    }

    public Task<NamespaceInfo> GetInfo() =>
        Task.FromResult(new NamespaceInfo(this.GetPrimaryKeyString(), Members.Count, Members.Counts.ToArray()));

    public Task Broadcast(OutboundEvent @event, string? exceptSid) =>
        DeliverToAll(new Delivery(this.GetPrimaryKeyString(), DeliveryScope.Namespace, @event, ExceptSid: exceptSid) { Id = @event.Id });
}
