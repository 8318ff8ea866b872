using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ActorChat.Bench;

/// <summary>One raw-WebSocket client of the envelope protocol: joins a room, may send, measures what it receives.</summary>
public sealed class BenchClient(ClientWebSocket socket, Measurements measurements)
{
    public static async Task<BenchClient> ConnectAsync(Uri url, IPAddress source, Measurements measurements)
    {
        // Binding the source address lets one machine open more than ~28,000 loopback connections.
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancel) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                tcp.Bind(new IPEndPoint(source, 0));
                await tcp.ConnectAsync(context.DnsEndPoint, cancel);
                return new NetworkStream(tcp, ownsSocket: true);
            },
        };
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, new HttpMessageInvoker(handler), CancellationToken.None);
        return new BenchClient(socket, measurements);
    }

    public Task SendAsync(string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Reads frames until the socket closes; every <c>bench</c> event's send time gives a latency.</summary>
    public async Task ReceiveAsync(Action<string>? onFrame = null)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) return;
                if (!result.EndOfMessage) continue;
                var frame = buffer.AsSpan(0, result.Count);
                if (frame.IndexOf("\"bench\""u8) >= 0) measurements.Record(LatencyMs(frame));
                else onFrame?.Invoke(Encoding.UTF8.GetString(frame));
            }
        }
        catch (WebSocketException)
        {
            // The server went away: the run reports the clients it still held.
        }
    }

    public Task CloseAsync() => socket.State == WebSocketState.Open
        ? socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None)
        : Task.CompletedTask;

    private static double LatencyMs(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("t"u8) && reader.Read())
                return Stopwatch.GetElapsedTime(reader.GetInt64()).TotalMilliseconds;
        return double.NaN;
    }
}
