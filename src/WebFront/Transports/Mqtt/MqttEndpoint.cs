using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Transports.WebSockets;

namespace ActorChat.WebFront.Transports.Mqtt;

/// <summary>
/// <c>/mqtt</c> (namespace <c>/chat</c>) and <c>/mqtt/{name}</c> (namespace <c>/{name}</c>): MQTT 3.1.1 and 5 over
/// a WebSocket with the subprotocol <c>mqtt</c>. The origin is checked before the upgrade, like every transport's
/// (a refusal gets its HTTP status); credentials may still come with CONNECT (the password), so a missing or bad
/// one is settled there, in CONNACK.
/// </summary>
internal sealed class MqttEndpoint(ConnectionAdmission admission, MqttBroker broker)
{
    public const string Transport = "mqtt";
    public const string Subprotocol = "mqtt";
    public const string DefaultNamespace = "/chat";

    public async Task HandleAsync(HttpContext http, string @namespace)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await WebSocketAccept.NotAWebSocket().ExecuteAsync(http);
            return;
        }
        var admitted = await admission.AdmitAsync(ConnectionRequest.From(http, @namespace, Transport));
        if (!admitted.Admitted && admitted.Refusal.HttpStatus != StatusCodes.Status401Unauthorized)
        {
            await admitted.Refusal.ToHttpResult().ExecuteAsync(http);
            return;
        }
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol))
        {
            await Results.Json(new { error = $"Offer the WebSocket subprotocol '{Subprotocol}' (MQTT over WebSocket)." },
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync(Subprotocol);
        await broker.RunAsync(socket, new MqttSocket(http, @namespace));
    }
}
