using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

/// <summary>
/// Subscription fan-out: N graphql-transport-ws sockets each subscribe to roomEvents of one room; a raw WebSocket
/// client of that room sends RATE messages per second carrying their send time, and every subscriber records the
/// latency of each one it hears. Prints deliveries per second, latency percentiles and the server's CPU.
///   GraphQLLoad --url http://127.0.0.1:5000/graphql --subscribers 1000 --rate 20 --seconds 15 [--server-pid PID]
/// </summary>
static class FanOut
{
    private const string Room = "bench-fan-out";

    public static async Task<int> RunAsync(Uri graphql, int subscribers, int rate, int seconds, int? serverPid, Func<int?, double> serverCpuSeconds)
    {
        var socketUri = new Uri(graphql.ToString().Replace("http://", "ws://"));
        var chatUri = new Uri(socketUri, "/ws/chat?user=bench-sender");
        var measuring = false;
        // Only messages sent while measuring count: a warm-up message still on its way when measuring starts is not one.
        long sentFrom = long.MaxValue, sentUntil = long.MaxValue;
        var latencies = new List<long>[subscribers];
        var heard = new int[subscribers];

        var sockets = new ClientWebSocket[subscribers];
        for (var i = 0; i < subscribers; i++) sockets[i] = await SubscribeAsync(socketUri);
        var readers = Enumerable.Range(0, subscribers).Select(i => Task.Run(async () =>
        {
            try
            {
            latencies[i] = new List<long>(capacity: rate * seconds * 2);
            var buffer = new byte[16 * 1024];
            while (sockets[i].State == WebSocketState.Open)
            {
                var (length, type) = await ReadMessageAsync(sockets[i], buffer);
                if (type == WebSocketMessageType.Close) return;
                var sent = SentAt(buffer.AsSpan(0, length));
                if (sent is null) continue;
                Interlocked.Increment(ref heard[i]);
                if (Volatile.Read(ref measuring) && sent >= Volatile.Read(ref sentFrom) && sent < Volatile.Read(ref sentUntil)) latencies[i].Add(Stopwatch.GetTimestamp() - sent.Value);
            }
            }
            catch (Exception e) when (e is not (WebSocketException or OperationCanceledException))
            {
                Console.Error.WriteLine(e.Message);
                Environment.Exit(2);
            }
        })).ToArray();

        using var sender = new ClientWebSocket();
        await sender.ConnectAsync(chatUri, CancellationToken.None);
        // The sender reads what the room sends it too (presence), so the server never has to queue for it.
        var drain = Task.Run(async () =>
        {
            var buffer = new byte[16 * 1024];
            while (sender.State == WebSocketState.Open && (await ReadMessageAsync(sender, buffer)).Type != WebSocketMessageType.Close) { }
        });
        await SendAsync(sender, new { @event = "join", args = new[] { new { room = Room } }, ack = 1 });
        // Subscriptions start without an answer: send until every subscriber has heard something.
        var started = Stopwatch.StartNew();
        while (Enumerable.Range(0, subscribers).Any(i => Volatile.Read(ref heard[i]) == 0))
        {
            if (started.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException($"{heard.Count(h => h == 0)} subscribers heard nothing in 120 s.");
            await SendAsync(sender, Tick());
            await Task.Delay(200);
        }
        Console.WriteLine($"{subscribers} subscribers in room {Room} after {started.Elapsed.TotalSeconds:F1} s");

        // Warm up for as long as the measurement, then measure.
        await SendAtRateAsync(sender, rate, TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref sentFrom, Stopwatch.GetTimestamp());
        Volatile.Write(ref measuring, true);
        var cpuBefore = serverCpuSeconds(serverPid);
        var clock = Stopwatch.StartNew();
        var sentCount = await SendAtRateAsync(sender, rate, TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref sentUntil, Stopwatch.GetTimestamp());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Volatile.Write(ref measuring, false);
        var elapsed = clock.Elapsed - TimeSpan.FromSeconds(2);
        var serverCpu = serverCpuSeconds(serverPid) - cpuBefore;

        var all = latencies.SelectMany(l => l).Order().ToList();
        double Percentile(double p) => all.Count == 0 ? double.NaN : all[Math.Min(all.Count - 1, (int)(p * all.Count))] / (Stopwatch.Frequency / 1000.0);
        Console.WriteLine($"subscribers {subscribers}, {sentCount} messages in {elapsed.TotalSeconds:F1} s: {all.Count} deliveries of {(long)sentCount * subscribers} expected, " +
                          $"{all.Count / elapsed.TotalSeconds:F0} deliveries/s, p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, max {Percentile(1):F2} ms" +
                          (serverPid is null ? "" : $", server CPU {serverCpu:F2} s, {all.Count / serverCpu:F0} deliveries per server CPU s"));
        foreach (var socket in sockets.Append(sender)) socket.Abort();
        await Task.WhenAll(readers.Append(drain).Select(r => r.ContinueWith(_ => { })));
        return all.Count == (long)sentCount * subscribers ? 0 : 1;
    }

    private static async Task<ClientWebSocket> SubscribeAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        // One user for all: each user's first arrival is announced to the whole room, which would make setting up
        // N subscribers cost N² deliveries; the measured deliveries are the same either way.
        await socket.ConnectAsync(new Uri($"{uri}?user=bench-subscriber"), CancellationToken.None);
        await SendAsync(socket, new { type = "connection_init" });
        var buffer = new byte[4096];
        await ReadMessageAsync(socket, buffer);
        await SendAsync(socket, new { type = "subscribe", id = "1", payload = new { query = $$"""subscription { roomEvents(room: "{{Room}}") { args } }""" } });
        return socket;
    }

    private static object Tick() => new { @event = "tick", args = new[] { new { room = Room, t = Stopwatch.GetTimestamp() } } };

    private static async Task<int> SendAtRateAsync(ClientWebSocket sender, int rate, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (clock.Elapsed < duration)
        {
            await SendAsync(sender, Tick());
            sent++;
            var due = TimeSpan.FromSeconds((double)sent / rate) - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
        }
        return sent;
    }

    // The "t" of a next payload's roomEvents args, or null for any other message (an error stops the run).
    private static long? SentAt(ReadOnlySpan<byte> message)
    {
        using var document = JsonDocument.Parse(message.ToArray());
        var root = document.RootElement;
        if (root.GetProperty("type").GetString() != "next")
            throw new InvalidOperationException($"A subscriber got {Encoding.UTF8.GetString(message)}");
        var args = root.GetProperty("payload").GetProperty("data").GetProperty("roomEvents").GetProperty("args");
        return args.GetArrayLength() > 0 && args[0].ValueKind == JsonValueKind.Object && args[0].TryGetProperty("t", out var t) ? t.GetInt64() : null;
    }

    private static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<(int Length, WebSocketMessageType Type)> ReadMessageAsync(ClientWebSocket socket, byte[] buffer)
    {
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            length += result.Count;
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close) return (length, result.MessageType);
            if (length == buffer.Length) throw new InvalidOperationException($"A message over {buffer.Length} bytes: {Encoding.UTF8.GetString(buffer)}");
        }
    }
}
