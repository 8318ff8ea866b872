using System.Collections.Concurrent;
using System.Net.WebSockets;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Transports.WebSockets;
using Microsoft.Extensions.Options;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace ActorChat.WebFront.Transports.Mqtt;

/// <summary>
/// The MQTT server (MQTTnet) with ActorChat's rules in its hooks: CONNECT is admitted through
/// <see cref="ConnectionAdmission"/>, SUBSCRIBE, UNSUBSCRIBE and PUBLISH become events of the client's
/// <see cref="MqttConnection"/>, and nothing is routed by MQTTnet itself: rooms live in the cluster's grains.
/// What ActorChat does not support is refused in MQTT's own terms, and CONNACK tells MQTT 5 clients so up front.
/// </summary>
internal sealed class MqttBroker : IHostedService
{
    /// <summary>The code of the <c>error</c> event for an MQTT feature ActorChat does not support.</summary>
    public const string UnsupportedError = "unsupported";

    private readonly MqttSocketAdapter _sockets;
    private readonly ConnectionAdmission _admission;
    private readonly EventPipeline _pipeline;
    private readonly EnvelopeEncoder _encoder;
    private readonly RealtimeOptions _realtime;
    private readonly ILogger<MqttBroker> _logger;
    // Live connections by MQTT client identifier: what MQTTnet's hooks name them by.
    private readonly ConcurrentDictionary<string, MqttConnection> _clients = new(StringComparer.Ordinal);

    public MqttBroker(MqttSocketAdapter sockets, ConnectionAdmission admission, EventPipeline pipeline, EnvelopeEncoder encoder,
        IOptions<MqttOptions> options, IOptions<RealtimeOptions> realtime, ILogger<MqttBroker> logger)
    {
        _sockets = sockets;
        _admission = admission;
        _pipeline = pipeline;
        _encoder = encoder;
        _realtime = realtime.Value;
        _logger = logger;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithoutDefaultEndpoint()
            .WithKeepAlive()
            .WithDefaultCommunicationTimeout(options.Value.ConnectTimeout)
            .WithMaxPendingMessagesPerClient(_realtime.SendQueueLimit)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropNewMessage)
            .Build();
        Server = new MqttServerFactory().CreateMqttServer(serverOptions, [sockets]);
        Server.ValidatingConnectionAsync += ValidatingAsync;
        Server.ClientConnectedAsync += ConnectedAsync;
        Server.InterceptingInboundPacketAsync += InboundAsync;
        Server.InterceptingOutboundPacketAsync += OutboundAsync;
        Server.InterceptingSubscriptionAsync += SubscribingAsync;
        Server.InterceptingUnsubscriptionAsync += UnsubscribingAsync;
        Server.InterceptingPublishAsync += PublishingAsync;
    }

    public MqttServer Server { get; }

    public Task StartAsync(CancellationToken cancellationToken) => Server.StartAsync();

    public Task StopAsync(CancellationToken cancellationToken) =>
        Server.StopAsync(new MqttServerStopOptions
        {
            DefaultClientDisconnectOptions = new MqttServerClientDisconnectOptions
            {
                ReasonCode = MqttDisconnectReasonCode.ServerShuttingDown,
                ReasonString = "The server is shutting down.",
            },
        });

    /// <summary>Runs a WebSocket's MQTT session; once it ends, its connection leaves its rooms, user and namespace.</summary>
    public async Task RunAsync(WebSocket webSocket, MqttSocket socket)
    {
        try
        {
            await _sockets.RunAsync(webSocket, socket, _realtime.MaxMessageBytes);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake: the cleanup below is all there is to do.
            _logger.LogDebug("MQTT client {Sid} went away: {Problem}", socket.Connection?.Info.Sid, ex.Message);
        }
        finally
        {
            if (socket.Connection is { } connection)
            {
                _clients.TryRemove(new KeyValuePair<string, MqttConnection>(connection.ClientId, connection));
                await _pipeline.DisconnectAsync(connection);
            }
        }
    }

    private async Task ValidatingAsync(ValidatingConnectionEventArgs connect)
    {
        if (_sockets.SocketOf(connect.ChannelAdapter) is not { } socket)
        {
            connect.ReasonCode = MqttConnectReasonCode.UnspecifiedError;
            return;
        }
        if (string.IsNullOrEmpty(connect.ClientId) && connect.ProtocolVersion != MqttProtocolVersion.V500)
        {
            // MQTT 3.1.1 cannot be told an identifier the server picked.
            Refuse(connect, MqttConnectReasonCode.ClientIdentifierNotValid, "Send a client identifier.");
            return;
        }
        var admitted = await _admission.AdmitAsync(socket.RequestFor(connect.UserName, connect.Password));
        if (!admitted.Admitted)
        {
            Refuse(connect, admitted.Refusal);
            return;
        }
        var ticket = admitted.Ticket;
        var clientId = string.IsNullOrEmpty(connect.ClientId) ? ticket.Connection.Sid : connect.ClientId;
        // MQTT lets a new connection take over a live one with the same identifier; never another user's.
        if (_clients.TryGetValue(clientId, out var live) && live.Info.User != ticket.Connection.User)
        {
            Refuse(connect, MqttConnectReasonCode.ClientIdentifierNotValid, "This client identifier is in use by another user.");
            return;
        }
        var connection = new MqttConnection(ticket.Connection, clientId, connect.ProtocolVersion, Server, _pipeline, _encoder,
            _realtime.SendQueueLimit, _logger);
        if (await _admission.ConnectAsync(ticket, connection, session => EventPayload.AnnounceConnected(connection, session)) is { } refusal)
        {
            Refuse(connect, refusal);
            return;
        }
        socket.Connection = connection;
        _clients[clientId] = connection;
        if (string.IsNullOrEmpty(connect.ClientId)) connect.AssignedClientIdentifier = clientId;
    }

    private async Task ConnectedAsync(ClientConnectedEventArgs connected)
    {
        if (_clients.TryGetValue(connected.ClientId, out var connection) && await Server.GetSessionAsync(connected.ClientId) is { } session)
            connection.Attach(session);
    }

    /// <summary>QoS 2 and retained PUBLISH packets are refused before MQTTnet acknowledges them.</summary>
    private Task InboundAsync(InterceptingPacketEventArgs inbound)
    {
        if (inbound.Packet is not MqttPublishPacket publish || !_clients.TryGetValue(inbound.ClientId, out var connection))
            return Task.CompletedTask;
        if (publish.QualityOfServiceLevel == MqttQualityOfServiceLevel.ExactlyOnce)
        {
            inbound.ProcessPacket = false;
            connection.Refuse("QoS 2 is not supported: publish with QoS 0 or 1.", MqttDisconnectReasonCode.QoSNotSupported);
        }
        else if (publish.Retain)
        {
            inbound.ProcessPacket = false;
            connection.Refuse("Retained messages are not supported: publish without the retain flag.", MqttDisconnectReasonCode.RetainNotSupported);
        }
        return Task.CompletedTask;
    }

    /// <summary>Tells MQTT 5 clients in CONNACK what this server does not do, and the largest packet it takes.</summary>
    private Task OutboundAsync(InterceptingPacketEventArgs outbound)
    {
        if (outbound.Packet is MqttConnAckPacket connAck)
        {
            connAck.RetainAvailable = false;
            connAck.MaximumQoS = MqttQualityOfServiceLevel.AtLeastOnce;
            connAck.WildcardSubscriptionAvailable = false;
            connAck.SharedSubscriptionAvailable = false;
            connAck.SubscriptionIdentifiersAvailable = false;
            connAck.MaximumPacketSize = (uint)_realtime.MaxMessageBytes;
        }
        return Task.CompletedTask;
    }

    private async Task SubscribingAsync(InterceptingSubscriptionEventArgs subscribe)
    {
        if (!_clients.TryGetValue(subscribe.ClientId, out var connection))
        {
            subscribe.Response.ReasonCode = MqttSubscribeReasonCode.UnspecifiedError;
            return;
        }
        var (code, reason) = await connection.SubscribeAsync(subscribe.TopicFilter);
        subscribe.Response.ReasonCode = code;
        subscribe.ReasonString = reason;
    }

    // MQTTnet calls this under a lock that must be released on the thread that took it: nothing here may await.
    private Task UnsubscribingAsync(InterceptingUnsubscriptionEventArgs unsubscribe)
    {
        unsubscribe.Response.ReasonCode = _clients.TryGetValue(unsubscribe.ClientId, out var connection)
            ? connection.Unsubscribe(unsubscribe.Topic)
            : MqttUnsubscribeReasonCode.UnspecifiedError;
        return Task.CompletedTask;
    }

    private async Task PublishingAsync(InterceptingPublishEventArgs publish)
    {
        // Never routed by MQTTnet: the room's grain delivers to every member, on every front and transport.
        publish.ProcessPublish = false;
        if (!_clients.TryGetValue(publish.ClientId, out var connection))
        {
            publish.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
            return;
        }
        var (code, reason) = await connection.PublishAsync(publish.ApplicationMessage);
        publish.Response.ReasonCode = code;
        publish.Response.ReasonString = reason;
    }

    private void Refuse(ValidatingConnectionEventArgs connect, ConnectionRefusal refusal)
    {
        _logger.LogInformation("MQTT client {ClientId} refused: {Code}, {Reason}", connect.ClientId, refusal.Code, refusal.Reason);
        Refuse(connect, MqttReasonCodes.Connect(refusal, connect.ProtocolVersion), refusal.Reason);
    }

    private static void Refuse(ValidatingConnectionEventArgs connect, MqttConnectReasonCode code, string reason)
    {
        connect.ReasonCode = code;
        connect.ReasonString = reason;
    }
}
