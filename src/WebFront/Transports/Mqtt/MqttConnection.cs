using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Transports.WebSockets;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace ActorChat.WebFront.Transports.Mqtt;

/// <summary>
/// An MQTT client, as the pipeline sees it. Its verbs are the chat namespace's events: SUBSCRIBE to
/// <c>chat/room1</c> is <c>join {room}</c>, UNSUBSCRIBE is <c>leave {room}</c>, PUBLISH is the relayed
/// <c>chat message {room, text}</c>; what the handlers answer becomes the SUBACK, UNSUBACK and PUBACK reason
/// codes. Events go out as PUBLISH of <c>{"event", "args"}</c> on the room's topic, or on the connection's
/// own topic when they were not sent to a room.
/// </summary>
internal sealed class MqttConnection : IRealtimeConnection
{
    public const string RoomMessageEvent = "chat message";
    public const string JoinEvent = "join";
    public const string LeaveEvent = "leave";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly MqttServer _server;
    private readonly EventPipeline _pipeline;
    private readonly EnvelopeEncoder _encoder;
    private readonly int _queueLimit;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    // One room change or publish at a time, in the order the client sent them (an UNSUBSCRIBE's leave runs after its UNSUBACK).
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _sessionLock = new();
    private List<MqttApplicationMessage>? _early = [];
    private MqttSessionStatus? _session;
    private Task _lastError = Task.CompletedTask;
    private int _closed;
    // The error event a join, leave or publish caused, if any: it decides the reason code of the acknowledgement.
    private volatile ErrorEvent? _failure;

    public MqttConnection(ClientConnection info, string clientId, MqttProtocolVersion version, MqttServer server,
        EventPipeline pipeline, EnvelopeEncoder encoder, int queueLimit, ILogger logger)
    {
        Info = info;
        ClientId = clientId;
        Version = version;
        _server = server;
        _pipeline = pipeline;
        _encoder = encoder;
        _queueLimit = queueLimit;
        _logger = logger;
    }

    public ClientConnection Info { get; }

    /// <summary>The MQTT client identifier its session is known by.</summary>
    public string ClientId { get; }

    public MqttProtocolVersion Version { get; }

    /// <summary>From now on events go straight to the client's MQTT session; those sent before (its <c>connect</c>) go first.</summary>
    public void Attach(MqttSessionStatus session)
    {
        List<MqttApplicationMessage> early;
        lock (_sessionLock)
        {
            _session = session;
            early = _early ?? [];
            _early = null;
        }
        foreach (var message in early) Enqueue(session, message);
    }

    /// <summary>SUBSCRIBE to one topic filter: joins the room (the namespace's <c>join</c>), granting QoS 0 or 1.</summary>
    public async Task<(MqttSubscribeReasonCode Code, string? Reason)> SubscribeAsync(MqttTopicFilter filter)
    {
        var topic = MqttTopic.Read(Info.Namespace, filter.Topic);
        var granted = filter.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce
            ? MqttQualityOfServiceLevel.AtMostOnce
            : MqttQualityOfServiceLevel.AtLeastOnce;
        var code = granted == MqttQualityOfServiceLevel.AtMostOnce ? MqttSubscribeReasonCode.GrantedQoS0 : MqttSubscribeReasonCode.GrantedQoS1;
        switch (topic.Kind)
        {
            case TopicKind.Wildcard:
                return (MqttSubscribeReasonCode.WildcardSubscriptionsNotSupported, topic.Problem);
            case TopicKind.Invalid:
                return (MqttSubscribeReasonCode.TopicFilterInvalid, topic.Problem);
            case TopicKind.Own:
                _subscriptions[filter.Topic] = new Subscription(granted, filter.NoLocal);
                return (code, null);
        }
        var failure = await RunAsync(JoinEvent, new { room = topic.RoomName });
        if (failure is not null) return (MqttReasonCodes.Subscribe(failure.Code), failure.Message);
        _subscriptions[filter.Topic] = new Subscription(granted, filter.NoLocal);
        return (code, null);
    }

    /// <summary>
    /// UNSUBSCRIBE from one topic: leaves the room (the namespace's <c>leave</c>). MQTTnet answers while it holds a
    /// lock that must not wait for the cluster, so the leave runs next, before anything else the client asks.
    /// </summary>
    public MqttUnsubscribeReasonCode Unsubscribe(string topicFilter)
    {
        var topic = MqttTopic.Read(Info.Namespace, topicFilter);
        if (topic.Kind is TopicKind.Wildcard or TopicKind.Invalid) return MqttUnsubscribeReasonCode.TopicFilterInvalid;
        if (!_subscriptions.TryRemove(topicFilter, out _)) return MqttUnsubscribeReasonCode.NoSubscriptionExisted;
        if (topic.Kind == TopicKind.Room) _ = RunAsync(LeaveEvent, new { room = topic.RoomName });
        return MqttUnsubscribeReasonCode.Success;
    }

    /// <summary>PUBLISH to a room's topic: the chat namespace's room message, <c>{room, text}</c>, with the payload as the text.</summary>
    public async Task<(MqttPubAckReasonCode Code, string? Reason)> PublishAsync(MqttApplicationMessage message)
    {
        var topic = MqttTopic.Read(Info.Namespace, message.Topic);
        if (topic.Kind != TopicKind.Room)
        {
            var problem = topic.Problem ?? $"Publish to a room's topic, {MqttTopic.Own(Info.Namespace)}/{{room}}; this connection's own topic only receives.";
            SendError(ClientError.InvalidRoomName, problem);
            return (MqttPubAckReasonCode.TopicNameInvalid, problem);
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(message.Payload);
        }
        catch (DecoderFallbackException)
        {
            const string problem = "The payload must be UTF-8 text: it is the message's text.";
            SendError(ClientError.BadFrame, problem);
            return (MqttPubAckReasonCode.PayloadFormatInvalid, problem);
        }
        // MQTT delivers a message to its publisher too, when it subscribes to the topic without No Local.
        var includeSelf = _subscriptions.TryGetValue(message.Topic, out var subscription) && !subscription.NoLocal;
        var failure = await RunAsync(RoomMessageEvent, new { room = topic.RoomName, text, includeSelf });
        return failure is null ? (MqttPubAckReasonCode.Success, null) : (MqttReasonCodes.Publish(failure.Code), failure.Message);
    }

    /// <summary>
    /// Refuses what ActorChat does not support (QoS 2, retained messages): the client hears an <c>error</c> event on its
    /// own topic, then MQTT 5 clients a DISCONNECT with <paramref name="reason"/>; MQTT 3.1.1 has no such packet, the
    /// connection simply closes.
    /// </summary>
    public void Refuse(string message, MqttDisconnectReasonCode reason)
    {
        SendError(MqttBroker.UnsupportedError, message);
        Disconnect(reason, message);
    }

    public void Send(PreparedEvent @event)
    {
        Watch(@event);
        Publish(MqttTopic.Own(Info.Namespace), @event);
    }

    public void SendInRoom(string room, PreparedEvent @event) => Publish(MqttTopic.OfRoom(Info.Namespace, room), @event);

    public void Close(string reason) => Disconnect(MqttDisconnectReasonCode.ServerShuttingDown, reason);

    public void Close(ConnectionRefusal refusal) => Disconnect(MqttReasonCodes.Disconnect(refusal), refusal.Reason);

    /// <summary>MQTT 5's "server shutting down": clients reconnect, to another front.</summary>
    public void Drain(string reason) => Disconnect(MqttDisconnectReasonCode.ServerShuttingDown, reason);

    private async Task<ErrorEvent?> RunAsync(string @event, object argument)
    {
        await _turn.WaitAsync();
        try
        {
            _failure = null;
            var acknowledged = false;
            await _pipeline.DispatchAsync(this, @event, [JsonSerializer.SerializeToElement(argument, JsonSerializerOptions.Web)],
                (_, _) => { acknowledged = true; return ValueTask.CompletedTask; });
            return acknowledged ? null : _failure ?? new ErrorEvent(ClientError.HandlerError, $"'{@event}' was not handled.");
        }
        finally
        {
            _failure = null;
            _turn.Release();
        }
    }

    private void SendError(string code, string message) => Send(new PreparedEvent(EventPayload.Error(code, message)));

    /// <summary>Remembers the error event a join, leave or publish of this connection caused.</summary>
    private void Watch(PreparedEvent @event)
    {
        if (@event.Event.Name != ClientError.EventName || _turn.CurrentCount > 0) return;
        using var args = JsonDocument.Parse(@event.Event.ArgsJson);
        if (args.RootElement is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0
            && array[0].ValueKind == JsonValueKind.Object
            && array[0].TryGetProperty("code", out var code) && array[0].TryGetProperty("message", out var message))
            _failure = new ErrorEvent(code.GetString() ?? "", message.GetString() ?? "");
    }

    private void Publish(string topic, PreparedEvent @event)
    {
        var qos = _subscriptions.TryGetValue(topic, out var subscription) ? subscription.QoS : MqttQualityOfServiceLevel.AtMostOnce;
        var message = new MqttApplicationMessage
        {
            Topic = topic,
            Payload = new ReadOnlySequence<byte>(@event.Frame(_encoder)),
            QualityOfServiceLevel = qos,
            ContentType = "application/json",
            PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
        };
        MqttSessionStatus? session;
        lock (_sessionLock)
        {
            session = _session;
            if (session is null && _early is { } early)
            {
                if (early.Count < _queueLimit) early.Add(message);
                return;
            }
        }
        if (session is null) return;
        if (@event.Event.Name == ClientError.EventName) _lastError = DeliverAsync(session, message);
        else Enqueue(session, message);
    }

    /// <summary>Queues an error event and completes once it is written: a DISCONNECT that follows waits for it (<see cref="DisconnectAsync"/>).</summary>
    private static async Task DeliverAsync(MqttSessionStatus session, MqttApplicationMessage message)
    {
        try
        {
            await session.DeliverApplicationMessageAsync(message);
        }
        catch (Exception)
        {
            // The queue was full or the session ended: the disconnect that follows has nothing to wait for.
        }
    }

    private void Enqueue(MqttSessionStatus session, MqttApplicationMessage message)
    {
        // A full queue means the client is not reading: drop it instead of buffering without bound.
        if (!session.TryEnqueueApplicationMessage(message, out _))
            Disconnect(MqttDisconnectReasonCode.QuotaExceeded, "The client did not read its messages fast enough.");
    }

    private void Disconnect(MqttDisconnectReasonCode reason, string text)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1) return;
        _ = DisconnectAsync(reason, text);
    }

    private async Task DisconnectAsync(MqttDisconnectReasonCode reason, string text)
    {
        // The error event that says why goes out first: MQTTnet stops sending queued packets once it ends a session.
        await _lastError.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await _server.DisconnectClientAsync(ClientId, new MqttServerClientDisconnectOptions
            {
                ReasonCode = reason,
                ReasonString = text.Length <= 200 ? text : text[..200],
            });
        }
        catch (Exception ex)
        {
            // Already gone (it left, or was taken over): nothing is left to close.
            _logger.LogDebug("MQTT client {ClientId} ({Sid}) was already gone when closing it: {Problem}", ClientId, Info.Sid, ex.Message);
        }
    }

    private sealed record ErrorEvent(string Code, string Message);

    private readonly record struct Subscription(MqttQualityOfServiceLevel QoS, bool NoLocal);
}
