using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ActorChat.WebFront.Transports.Mqtt;

/// <summary>
/// The event model's refusals and errors in MQTT's own words: CONNACK, SUBACK, PUBACK and DISCONNECT reason
/// codes. MQTT 3.1.1 has fewer codes; MQTTnet writes each MQTT 5 code as its 3.1.1 counterpart (SUBACK 0x80).
/// </summary>
internal static class MqttReasonCodes
{
    /// <summary>
    /// MQTT 3.1.1's CONNACK knows only protocol version, identifier, server unavailable, user name or password and
    /// not authorized; MQTTnet would write every other code as "unacceptable protocol version", so those say "server unavailable".
    /// </summary>
    public static MqttConnectReasonCode Connect(ConnectionRefusal refusal, MqttProtocolVersion version)
    {
        var code = Connect(refusal);
        return version == MqttProtocolVersion.V500 || code is MqttConnectReasonCode.BadUserNameOrPassword or MqttConnectReasonCode.NotAuthorized
            or MqttConnectReasonCode.ServerUnavailable
            ? code
            : MqttConnectReasonCode.ServerUnavailable;
    }

    private static MqttConnectReasonCode Connect(ConnectionRefusal refusal) => refusal.Code switch
    {
        ConnectionRefusal.UnauthenticatedCode or ConnectionRefusal.InvalidTokenCode or ConnectionRefusal.TokenExpiredCode
            or ConnectionRefusal.InvalidUserCode => MqttConnectReasonCode.BadUserNameOrPassword,
        ConnectionRefusal.OriginNotAllowedCode or ConnectionRefusal.RefusedCode => MqttConnectReasonCode.NotAuthorized,
        ConnectionRefusal.TooManyConnectionsCode => MqttConnectReasonCode.QuotaExceeded,
        ConnectionRefusal.RateLimitedCode => MqttConnectReasonCode.ConnectionRateExceeded,
        ConnectionRefusal.UnavailableCode => MqttConnectReasonCode.ServerUnavailable,
        _ => MqttConnectReasonCode.UnspecifiedError,
    };

    public static MqttDisconnectReasonCode Disconnect(ConnectionRefusal refusal) => refusal.Code switch
    {
        ConnectionRefusal.RateLimitedCode => MqttDisconnectReasonCode.MessageRateTooHigh,
        ConnectionRefusal.UnavailableCode => MqttDisconnectReasonCode.ServerShuttingDown,
        _ => MqttDisconnectReasonCode.NotAuthorized,
    };

    public static MqttSubscribeReasonCode Subscribe(string errorCode) => errorCode switch
    {
        ClientError.Forbidden => MqttSubscribeReasonCode.NotAuthorized,
        ClientError.TooManyRooms or ClientError.RateLimited => MqttSubscribeReasonCode.QuotaExceeded,
        ClientError.InvalidRoomName => MqttSubscribeReasonCode.TopicFilterInvalid,
        _ => MqttSubscribeReasonCode.UnspecifiedError,
    };

    public static MqttPubAckReasonCode Publish(string errorCode) => errorCode switch
    {
        ClientError.Forbidden => MqttPubAckReasonCode.NotAuthorized,
        ClientError.RateLimited => MqttPubAckReasonCode.QuotaExceeded,
        ClientError.InvalidRoomName => MqttPubAckReasonCode.TopicNameInvalid,
        ClientError.BadFrame => MqttPubAckReasonCode.PayloadFormatInvalid,
        _ => MqttPubAckReasonCode.UnspecifiedError,
    };
}
