using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// Tells the cluster's grains about this front's connections: their user and namespace on open, and
/// their rooms, user and namespace again on close, always under the front's current lease. Event
/// dispatch never talks to these grains itself.
/// </summary>
public sealed class ConnectionRegistry(IGrainFactory grains, FrontLease lease, RoomMembership membership, ILogger<ConnectionRegistry> logger)
{
    /// <summary>Registers an open connection with its user and namespace grains.</summary>
    public async Task AddAsync(ClientConnection info)
    {
        FrontMetrics.CountConnection(info, +1);
        var front = await lease.Current;
        await Task.WhenAll(
            grains.GetGrain<IUserGrain>(info.User).AddConnection(info, front),
            grains.GetGrain<INamespaceGrain>(info.Namespace).AddConnection(info, front));
    }

    /// <summary>Takes a closed connection out of the rooms it was in, its user and its namespace.</summary>
    public async Task RemoveAsync(ClientConnection info, IReadOnlyCollection<string> rooms)
    {
        FrontMetrics.CountConnection(info, -1);
        try
        {
            await Task.WhenAll(
                membership.LeaveAllAsync(info, rooms),
                grains.GetGrain<IUserGrain>(info.User).RemoveConnection(info.Sid),
                grains.GetGrain<INamespaceGrain>(info.Namespace).RemoveConnection(info.Sid));
        }
        catch (Exception ex)
        {
            // What could not be removed now goes when the grain is rebuilt or this front re-registers.
            logger.LogWarning("Connection {Sid} could not be removed from every grain: {Problem}", info.Sid, ex.Message);
        }
    }
}
