using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace ActorChat.WebFront.Transports.Mqtt;

/// <summary>
/// Hands accepted WebSockets to the MQTT server, and remembers each one's HTTP request: MQTTnet's CONNECT
/// handling sees only its channel, while admission needs the request's origin, query and headers.
/// </summary>
internal sealed class MqttSocketAdapter : IMqttServerAdapter
{
    private readonly ConcurrentDictionary<IMqttChannelAdapter, MqttSocket> _sockets = new();

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    /// <summary>The socket a channel belongs to, while it runs.</summary>
    public MqttSocket? SocketOf(IMqttChannelAdapter channel) => _sockets.GetValueOrDefault(channel);

    /// <summary>Runs one client's MQTT session over its WebSocket; returns when either side has closed it.</summary>
    public async Task RunAsync(WebSocket webSocket, MqttSocket socket, int maxPacketBytes)
    {
        var http = socket.Http;
        var remote = http.Connection.RemoteIpAddress is { } address ? new IPEndPoint(address, http.Connection.RemotePort) : null;
        var channel = new PacketSizeGuard(new MqttWebSocketChannel(webSocket, remote, http.Request.IsHttps, null), maxPacketBytes);
        var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(4096, Math.Max(4096, maxPacketBytes + 1024)));
        using var adapter = new MqttChannelAdapter(channel, formatter, MqttNetNullLogger.Instance);
        _sockets[adapter] = socket;
        try
        {
            if (ClientHandler is { } handler) await handler(adapter);
        }
        finally
        {
            _sockets.TryRemove(adapter, out _);
        }
    }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger) => Task.CompletedTask;

    public Task StopAsync() => Task.CompletedTask;

    public void Dispose()
    {
    }
}
