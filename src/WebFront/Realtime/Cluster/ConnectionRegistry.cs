using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// Tells the cluster's grains about this front's connections: their user and namespace on open, and
/// their rooms, user and namespace again on close. Event dispatch never talks to these grains itself.
/// </summary>
public sealed class ConnectionRegistry(IGrainFactory grains, FrontReference front, RoomMembership membership, ILogger<ConnectionRegistry> logger)
{
    /// <summary>Registers an open connection with its user and namespace grains.</summary>
    public async Task AddAsync(ClientConnection info)
    {
        var self = await front.Observer;
        await Task.WhenAll(
            grains.GetGrain<IUserGrain>(info.User).AddConnection(info, self),
            grains.GetGrain<INamespaceGrain>(info.Namespace).AddConnection(info.FrontId, self));
    }

    /// <summary>Takes a closed connection out of the rooms it was in, its user and its namespace.</summary>
    public async Task RemoveAsync(ClientConnection info, IReadOnlyCollection<string> rooms)
    {
        try
        {
            await Task.WhenAll(
                membership.LeaveAllAsync(info, rooms),
                grains.GetGrain<IUserGrain>(info.User).RemoveConnection(info.Sid),
                grains.GetGrain<INamespaceGrain>(info.Namespace).RemoveConnection(info.FrontId));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Connection {Sid} could not be removed from every grain", info.Sid);
        }
    }
}
