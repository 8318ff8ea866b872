using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>
/// SignalR's own lifetime manager, remembering each connection's <see cref="HubConnectionContext"/>: the hub
/// API has no way to close a connection with an error the client sees, but a connection context can write
/// the protocol's close message (<see cref="CloseWithErrorAsync"/>).
/// </summary>
public sealed class SignalRLifetime(ILogger<DefaultHubLifetimeManager<RealtimeHub>> logger) : DefaultHubLifetimeManager<RealtimeHub>(logger)
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new(StringComparer.Ordinal);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _connections.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }

    /// <summary>How long a client gets to close after the server's close message before it is dropped.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sends the close message with <paramref name="error"/> (clients report it and do not reconnect), lets
    /// the client close, and drops it if it has not after a grace period.
    /// </summary>
    public async Task CloseWithErrorAsync(string connectionId, string error)
    {
        if (!_connections.TryGetValue(connectionId, out var connection)) return;
        try
        {
            await connection.WriteAsync(new CloseMessage(error, allowReconnect: false));
            await Task.Delay(CloseGrace, connection.ConnectionAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        connection.Abort();
    }
}
