namespace ActorChat.WebFront.GraphQL.WebSockets;

/// <summary>The graphql-transport-ws protocol's names: its subprotocol, message types and close codes.</summary>
public static class SocketProtocol
{
    public const string Subprotocol = "graphql-transport-ws";

    public const string ConnectionInit = "connection_init";
    public const string ConnectionAck = "connection_ack";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string Subscribe = "subscribe";
    public const string Next = "next";
    public const string Error = "error";
    public const string Complete = "complete";

    /// <summary>A message the protocol does not define, or malformed: <c>4400: &lt;why&gt;</c>.</summary>
    public const int BadRequest = 4400;

    /// <summary>A subscribe before the connection was acknowledged.</summary>
    public const int Unauthorized = 4401;

    /// <summary>The connection was refused at initialisation (identity, origin).</summary>
    public const int Forbidden = 4403;

    /// <summary>The client does not speak <see cref="Subprotocol"/>.</summary>
    public const int SubprotocolNotAcceptable = 4406;

    /// <summary>No <c>connection_init</c> within the allowed time.</summary>
    public const int ConnectionInitialisationTimeout = 4408;

    /// <summary>A subscribe whose id is already in use.</summary>
    public const int SubscriberAlreadyExists = 4409;

    /// <summary>A second <c>connection_init</c>.</summary>
    public const int TooManyInitialisationRequests = 4429;
}
