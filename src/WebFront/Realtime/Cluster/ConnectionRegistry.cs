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

    /// <summary>
    /// Takes a closed connection out of its user and namespace, and out of the rooms it was in after
    /// <paramref name="roomGrace"/> (a dropped connection that may be resumed; the caller does not wait for it).
    /// </summary>
    public async Task RemoveAsync(ClientConnection info, IReadOnlyCollection<string> rooms, TimeSpan roomGrace = default)
    {
        FrontMetrics.CountConnection(info, -1);
        if (roomGrace > TimeSpan.Zero)
        {
            LeaveLater(info, rooms, roomGrace);
            rooms = [];
        }
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

    private async void LeaveLater(ClientConnection info, IReadOnlyCollection<string> rooms, TimeSpan grace)
    {
        try
        {
            await membership.LeaveAllAsync(info, rooms, grace);
        }
        catch (ObjectDisposedException)
        {
            // The front stopped meanwhile: its lease ends, and the grains drop its members with it.
        }
        catch (Exception ex)
        {
            logger.LogWarning("Dropped connection {Sid} could not leave every room: {Problem}", info.Sid, ex.Message);
        }
    }
}
