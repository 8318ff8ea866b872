using ActorChat.Realtime;
using Microsoft.Extensions.Options;
using ActorChat.WebFront.Realtime.Cluster;

namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>
/// Routes emits through the grains that own each target: the room grain for a room, the user grain
/// for a user, the namespace grain for a namespace, and the holding front for one connection.
/// </summary>
public sealed class RealtimeServer(
    IGrainFactory grains,
    LocalConnections connections,
    RoomMembership membership,
    FrontDirectory fronts,
    IOptions<RecoveryOptions> recovery) : IRealtimeServer
{
    public Task EmitAsync(string @namespace, EmitTarget target, string @event, params object?[] args) =>
        EmitAsync(@namespace, target, EventPayload.Create(@event, args));

    public Task EmitAsync(string @namespace, EmitTarget target, OutboundEvent @event)
    {
        // An id of its own for every emit, however often the caller reuses the event: a retry is known by it.
        var emit = @event with { Id = Guid.NewGuid() };
        return target.Kind switch
        {
            TargetKind.Namespace => EmitRetry.RunAsync(() => grains.GetGrain<INamespaceGrain>(@namespace).Broadcast(emit, target.ExceptSid)),
            TargetKind.User => EmitRetry.RunAsync(() => grains.GetGrain<IUserGrain>(Required(target)).Deliver(@namespace, emit, target.ExceptSid)),
            TargetKind.Connection => SendToConnectionAsync(@namespace, Required(target), emit),
            // Every connection is in the room named by its own id (Socket.IO's convention).
            TargetKind.Room when Sid.FrontOf(Required(target)) is not null => SendToConnectionAsync(@namespace, target.Name!, emit, target.ExceptSid),
            TargetKind.Room => EmitRetry.RunAsync(() => grains.GetGrain<IRoomGrain>(RoomKey.Of(@namespace, Required(target))).Broadcast(emit, target.ExceptSid)),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
    }

    public async Task<RoomChange> JoinRoomAsync(string sid, string room) =>
        connections.Find(sid) is { } local
            ? await membership.JoinAsync(local, room)
            : await (await FrontOfAsync(sid)).JoinRoom(sid, room);

    public async Task<RoomChange> LeaveRoomAsync(string sid, string room) =>
        connections.Find(sid) is { } local
            ? await membership.LeaveAsync(local, room)
            : await (await FrontOfAsync(sid)).LeaveRoom(sid, room);

    public Task<RoomMembers> GetRoomMembersAsync(string @namespace, string room)
    {
        Names.ValidateRoom(room);
        return grains.GetGrain<IRoomGrain>(RoomKey.Of(@namespace, room)).GetMembers();
    }

    public Task<RoomHistory> GetRoomHistoryAsync(string @namespace, string room, long? after, int? limit)
    {
        Names.ValidateRoom(room);
        if (after < 0) throw new ClientInputException(ClientError.BadArgument, "\"after\" must be an offset of 0 or more.");
        if (limit < 1) throw new ClientInputException(ClientError.BadArgument, "\"limit\" must be 1 or more.");
        var most = Math.Max(1, recovery.Value.HistoryLength);
        return grains.GetGrain<IRoomGrain>(RoomKey.Of(@namespace, room)).GetHistory(after, Math.Min(limit ?? most, most));
    }

    public Task<UserPresence> GetUserAsync(string user) => grains.GetGrain<IUserGrain>(user).GetPresence();

    private async Task SendToConnectionAsync(string @namespace, string sid, OutboundEvent @event, string? exceptSid = null)
    {
        if (sid == exceptSid) return;
        var delivery = new Delivery(@namespace, DeliveryScope.Connections, @event, Sids: [sid]);
        if (connections.Find(sid) is not null)
        {
            connections.Deliver(delivery);
            return;
        }
        // A connection on a front that is gone is gone too: like a send to a closed socket, nothing happens.
        if (await fronts.FindAsync(Sid.FrontOf(sid) ?? "") is not { } front) return;
        try
        {
            await front.Deliver(delivery);
        }
        catch (ClientNotAvailableException)
        {
        }
    }

    private async Task<IFrontObserver> FrontOfAsync(string sid) =>
        await fronts.FindAsync(Sid.FrontOf(sid) ?? "")
        ?? throw new ClientInputException(ClientError.UnknownConnection, $"No live connection '{sid}'.");

    private static string Required(EmitTarget target) =>
        Names.IsValid(target.Name) ? target.Name! : throw new ClientInputException(
            target.Kind == TargetKind.Room ? ClientError.InvalidRoomName : ClientError.BadArgument,
            $"The {target.Kind.ToString().ToLowerInvariant()} to emit to must be 1 to {Names.MaxLength} characters with no control characters.");
}
