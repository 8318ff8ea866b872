using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ActorChat.Bench;

/// <summary>One WebSocket client (envelope or Socket.IO wire): joins a room, may send, measures what it receives.</summary>
public sealed class BenchClient(ClientWebSocket socket, Measurements measurements, WireProtocol wire)
{
    // Pongs go out from the receive loop while a sender may be sending: one send at a time.
    private readonly SemaphoreSlim _sending = new(1, 1);

    public static async Task<BenchClient> ConnectAsync(Uri url, IPAddress source, Measurements measurements, WireProtocol wire)
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
        await socket.ConnectAsync(wire.ConnectUrl(url), new HttpMessageInvoker(handler), CancellationToken.None);
        var client = new BenchClient(socket, measurements, wire);
        await wire.HandshakeAsync(client);
        return client;
    }

    public async Task SendAsync(string text)
    {
        await _sending.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Reads one whole text message (handshakes only; the receive loop reads the rest).</summary>
    public async Task<string> ReceiveTextAsync()
    {
        var buffer = new byte[4096];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            length += result.Count;
            if (result.EndOfMessage) return Encoding.UTF8.GetString(buffer, 0, length);
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

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
                else if (wire.Reply(frame) is { } reply) await SendAsync(reply);
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
        // Socket.IO frames start with the packet header (42/chat,); the JSON starts at the first bracket.
        var json = frame.IndexOfAny((byte)'[', (byte)'{');
        var reader = new Utf8JsonReader(json > 0 ? frame[json..] : frame);
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("t"u8) && reader.Read())
                return Stopwatch.GetElapsedTime(reader.GetInt64()).TotalMilliseconds;
        return double.NaN;
    }
}
