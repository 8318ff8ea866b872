using System.Text;
using System.Text.Json;
using ActorChat.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ActorChat.Realtime.Tests;

/// <summary>MQTTnet's own .NET client over WebSocket at <c>/mqtt</c>, with what it receives kept as JSON events.</summary>
public sealed class MqttTestClient : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private MqttTestClient(IMqttClient client)
    {
        _client = client;
        client.ApplicationMessageReceivedAsync += received =>
        {
            var message = received.ApplicationMessage;
            Received.Add((message.Topic, JsonDocument.Parse(Encoding.UTF8.GetString(message.Payload)).RootElement.Clone()));
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += disconnected =>
        {
            Disconnected.TrySetResult(disconnected.Reason);
            return Task.CompletedTask;
        };
    }

    public Inbox<(string Topic, JsonElement Payload)> Received { get; } = new();

    /// <summary>Completes when the connection ends, with the reason of the server's DISCONNECT (MQTT 5) if it sent one.</summary>
    public TaskCompletionSource<MqttClientDisconnectReason> Disconnected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MqttClientConnectResult Connected { get; private set; } = null!;

    public static MqttClientOptions Options(ActorChatServer server, MqttProtocolVersion version, string? user = null, string? password = null, string path = "mqtt") =>
        new MqttClientOptionsBuilder()
            .WithWebSocketServer(ws => ws.WithUri(server.Ws(path).ToString()))
            .WithProtocolVersion(version)
            .WithClientId($"dotnet-{Guid.NewGuid():N}"[..20])
            .WithCredentials(user, password)
            .WithTimeout(TimeSpan.FromSeconds(20))
            .Build();

    /// <summary>Connects; the CONNACK's code is in <see cref="Connected"/> (a refused client is not connected).</summary>
    public static async Task<MqttTestClient> ConnectAsync(MqttClientOptions options)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var wrapper = new MqttTestClient(client);
        try
        {
            wrapper.Connected = await client.ConnectAsync(options);
            return wrapper;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string topic, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, qos).Build());
        return result.Items.Single().ResultCode;
    }

    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, string text, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce,
        bool retain = false)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(text).WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain).Build());
        return result.ReasonCode;
    }

    /// <summary>The next event published on <paramref name="topic"/> with this name: its <c>args</c>.</summary>
    public async Task<JsonElement> NextEventAsync(string topic, string @event, Func<JsonElement, bool>? match = null)
    {
        var (_, payload) = await Received.NextAsync(m => m.Topic == topic && m.Payload.GetProperty("event").GetString() == @event
            && (match is null || match(m.Payload.GetProperty("args"))), TimeSpan.FromSeconds(20));
        return payload.GetProperty("args");
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
