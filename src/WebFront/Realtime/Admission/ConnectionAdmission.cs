using ActorChat.Hosting.Operations;
using ActorChat.Realtime;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime.Cluster;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Realtime.Recovery;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Realtime.Admission;

/// <summary>
/// The one path every transport takes to let a client in. A transport calls <see cref="AdmitAsync"/>
/// with what the client's request said (before any upgrade, where it has one): origin, namespace and
/// identity are checked and a connection id is issued, or the client is refused. It then builds its
/// connection object from the ticket and calls <see cref="ConnectAsync"/>, which runs the namespace's
/// <see cref="NamespaceHandler.OnConnecting"/> hook, opens or resumes the connection's session (for a transport
/// that asked for one) and registers the connection. A transport only turns a
/// <see cref="ConnectionRefusal"/> into its own form; adding a transport means an endpoint, a connection
/// and an encoder, with nothing of this copied.
/// </summary>
public sealed class ConnectionAdmission(
    NamespaceRegistry namespaces,
    OriginPolicy origins,
    IUserIdentityResolver identities,
    FrontIdentity front,
    EventPipeline pipeline,
    Sessions sessions,
    IRealtimeServer server,
    LocalConnections local,
    FrontLease lease,
    DrainState drain,
    IOptions<LimitsOptions> limits,
    IOptions<AuthOptions> auth,
    TimeProvider time,
    ILogger<ConnectionAdmission> logger)
{
    /// <summary>How long a client's request waits for a front that is still joining the cluster.</summary>
    private static readonly TimeSpan JoiningPatience = TimeSpan.FromSeconds(2);

    /// <summary>Checks a client's request: its origin, the namespace, who it is. Never throws for a client's mistake.</summary>
    public async ValueTask<AdmissionResult> AdmitAsync(ConnectionRequest request)
    {
        if (await UnavailableAsync() is { } unavailable) return unavailable;
        if (!origins.Allows(request))
        {
            logger.LogInformation("{Transport} client from origin {Origin} refused: not in {Key}", request.Transport, request.Origin, OriginPolicy.Key);
            return ConnectionRefusal.OriginNotAllowed(request.Origin);
        }
        if (!Names.IsValidNamespace(request.Namespace) || !namespaces.Contains(request.Namespace))
            return ConnectionRefusal.UnknownNamespace(request.Namespace);

        UserIdentity identity;
        try
        {
            identity = await identities.ResolveAsync(request);
        }
        catch (ConnectionRefusedException ex)
        {
            return ex.Refusal;
        }
        catch (Exception ex)
        {
            return Failed(ex, "Resolving the identity", request.Namespace);
        }

        // The user grain knows the user's connections across the cluster. Connections opening at the same
        // moment may each see room for one more; the limit holds within that race.
        var limit = limits.Value.ConnectionsPerUser;
        if ((await server.GetUserAsync(identity.User)).Connections.Length >= limit) return ConnectionRefusal.TooManyConnections(limit);

        var connection = new ClientConnection(Sid.New(front.FrontId), request.Namespace, identity.User, request.Transport, front.FrontId);
        return new AdmissionTicket(connection, identity, request.Session);
    }

    /// <summary>
    /// Runs the namespace's <see cref="NamespaceHandler.OnConnecting"/> for an admitted client's connection;
    /// unless it refuses, opens the connection's session (or resumes the one presented) when the transport
    /// asked for sessions, registers the connection with the cluster, tells the client its id and session in the
    /// transport's own form (<paramref name="announce"/>, given the session or null) and runs the connect
    /// handler. A refused client is never registered. <paramref name="connection"/> must carry the ticket's
    /// <see cref="AdmissionTicket.Connection"/>.
    /// </summary>
    public async Task<ConnectionRefusal?> ConnectAsync(AdmissionTicket ticket, IRealtimeConnection connection, Func<SessionStart?, Task> announce)
    {
        if (connection.Info != ticket.Connection)
            throw new ArgumentException("The connection must be the one the ticket admitted.", nameof(connection));
        SessionStart? session = null;
        try
        {
            var handler = namespaces.HandlerOf(ticket.Connection.Namespace);
            await handler.OnConnecting(new EventContext(connection, server, local, identity: ticket.Identity, handler: handler));
        }
        catch (ConnectionRefusedException ex)
        {
            return ex.Refusal;
        }
        catch (Exception ex)
        {
            return Failed(ex, "The connecting handler", ticket.Connection.Namespace);
        }
        try
        {
            if (ticket.Session is { } requested) session = await sessions.StartAsync(ticket.Connection, requested.Presented);
        }
        catch (Exception ex) when (ClusterFailure.Is(ex))
        {
            logger.LogWarning("Connection {Sid} refused: its session could not be opened ({Problem})", ticket.Connection.Sid, ex.Message);
            return ConnectionRefusal.Unavailable("The cluster is not reachable right now; try again shortly.");
        }
        try
        {
            await pipeline.ConnectAsync(connection, ticket.Identity, () =>
            {
                // Attached before the client hears its id: whatever it joins from then on is its session's.
                if (session is not null) sessions.Attach(connection, session);
                return announce(session);
            });
        }
        catch (ConnectionRefusedException ex)
        {
            return ex.Refusal;
        }
        if (auth.Value.CloseAtExpiry && ticket.Identity.ExpiresAt is { } expires) CloseAt(expires, connection);
        return null;
    }

    /// <summary>Ends a connection when the credentials it was admitted with expire: the client hears <c>token_expired</c> and may reconnect with fresh ones.</summary>
    private void CloseAt(DateTimeOffset expires, IRealtimeConnection connection)
    {
        var due = expires - time.GetUtcNow();
        var timer = time.CreateTimer(state =>
        {
            var expired = (IRealtimeConnection)state!;
            logger.LogInformation("Connection {Sid} of {User} closed: its token expired", expired.Info.Sid, expired.Info.User);
            ConnectionRefusal.TokenExpired().Disconnect(expired);
        }, connection, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        local.SetExpiry(connection.Info.Sid, timer);
    }

    /// <summary>
    /// A draining front takes no one (the load balancer is moving clients elsewhere), nor does a front
    /// without a live lease: grains would not know its connections.
    /// </summary>
    private async ValueTask<ConnectionRefusal?> UnavailableAsync()
    {
        if (drain.IsDraining) return ConnectionRefusal.Unavailable("This server is shutting down; connect to another.");
        if (lease.IsLive) return null;
        if (lease.Age is null)
            await ((Task)lease.Current).WaitAsync(JoiningPatience).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return lease.IsLive ? null : ConnectionRefusal.Unavailable("This server is not connected to the cluster; try again shortly.");
    }

    private ConnectionRefusal Failed(Exception ex, string what, string @namespace)
    {
        var correlationId = Guid.NewGuid().ToString("N");
        logger.LogError(ex, "{What} of {Namespace} failed; correlation id {CorrelationId}", what, @namespace, correlationId);
        return ConnectionRefusal.ServerError(correlationId);
    }
}
