using System.Net.WebSockets;
using ActorChat.Publishing;
using ActorChat.WebFront.GraphQL.Execution;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using GraphQL;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.GraphQL.WebSockets;

/// <summary>
/// WebSocket upgrades at the GraphQL path: graphql-transport-ws (<see cref="GraphQLSocketSession"/>). The origin is
/// checked before the upgrade, like every transport's (a refused origin gets its HTTP status); credentials may
/// still come with <c>connection_init</c>, so a missing one is settled there. A client that does not offer the
/// subprotocol is closed with 4406.
/// </summary>
public sealed class GraphQLWebSocketEndpoint(
    ConnectionAdmission admission,
    GraphQLRunner runner,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLOptions> options,
    IOptions<RealtimeOptions> realtime,
    ILogger<GraphQLWebSocketEndpoint> logger)
{
    /// <summary>The transport name of the connections GraphQL subscriptions open, as presence reports it.</summary>
    public const string Transport = "graphql-ws";

    public async Task HandleAsync(HttpContext http)
    {
        var admitted = await admission.AdmitAsync(ConnectionRequest.From(http, PublishingEvents.Namespace, Transport));
        if (!admitted.Admitted && admitted.Refusal.HttpStatus != StatusCodes.Status401Unauthorized)
        {
            await admitted.Refusal.ToHttpResult().ExecuteAsync(http);
            return;
        }
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(SocketProtocol.Subprotocol))
        {
            using var refused = await http.WebSockets.AcceptWebSocketAsync();
            await refused.CloseOutputAsync((WebSocketCloseStatus)SocketProtocol.SubprotocolNotAcceptable,
                $"Subprotocol not acceptable: speak {SocketProtocol.Subprotocol}", http.RequestAborted);
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync(SocketProtocol.Subprotocol);
        await new GraphQLSocketSession(socket, http, runner, serializer, admission, options.Value, realtime.Value.SendQueueLimit, logger).RunAsync();
    }
}
