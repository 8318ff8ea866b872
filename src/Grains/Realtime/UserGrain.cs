using ActorChat.Realtime;
using Microsoft.Extensions.Logging;

namespace ActorChat.Grains.Realtime;

public sealed class UserGrain(FrontTracker tracker, ILogger<UserGrain> logger) : MemberGrain(tracker, logger), IUserGrain
{
    protected override MemberScope Scope => MemberScope.User;

    protected override string Kind => "user";

    public Task<UserPresence> AddConnection(ClientConnection connection, FrontEntry front)
    {
        AddMember(connection, front);
        return GetPresence();
    }

    public Task<UserPresence> RemoveConnection(string sid)
    {
        RemoveMember(sid);
        return GetPresence();
    }

    public Task<UserPresence> GetPresence() => Task.FromResult(new UserPresence(
        this.GetPrimaryKeyString(),
        Members.Count > 0,
        Members.All
            .OrderBy(c => c.Sid, StringComparer.Ordinal)
            .Select(c => new UserConnection(c.Sid, c.Namespace, c.Transport, c.FrontId))
            .ToArray()));

    public Task Deliver(string @namespace, OutboundEvent @event, string? exceptSid)
    {
        var sends = new List<Task>();
        foreach (var onFront in Members.All.Where(c => c.Namespace == @namespace && c.Sid != exceptSid).GroupBy(c => c.FrontId))
        {
            if (Members.ObserverOf(onFront.Key) is not { } front) continue;
            sends.Add(FrontDelivery.SendAsync(GrainFactory, onFront.Key, front, new Delivery(@namespace, DeliveryScope.Connections, @event, Sids: onFront.Select(c => c.Sid).ToArray()) { Id = @event.Id }));
            GrainMetrics.FanoutCalls.Add(1, new KeyValuePair<string, object?>("grain", Kind));
        }
        return Task.WhenAll(sends);
    }
}
