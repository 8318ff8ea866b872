// ActorChat's load generator: N raw-WebSocket clients in R rooms of one server (or spread over a cluster's fronts); one sender per room
// emits at a fixed rate and every member measures delivery latency. Prints one JSON line per run.
// Usage: see docs/benchmarks.md.
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ActorChat.Bench;

var options = LoadOptions.Parse(args);
var wire = WireProtocol.For(options);
var measurements = new Measurements();
var sources = options.SourceAddresses.Select(IPAddress.Parse).ToArray();
var rssBefore = options.Servers.Sum(server => server.RssKb());

// Connect everyone, a bounded number at a time, and put client i in room i % R.
var clients = new BenchClient[options.Clients];
var joined = new CountdownEvent(options.Clients);
var receivers = new Task[options.Clients];
var failedConnections = 0;
var connectWatch = Stopwatch.StartNew();
using (var gate = new SemaphoreSlim(options.ConnectConcurrency))
{
    await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async i =>
    {
        await gate.WaitAsync();
        try
        {
            var client = await BenchClient.ConnectAsync(options.UrlFor(i), sources[i % sources.Length], measurements, wire);
            clients[i] = client;
            receivers[i] = client.ReceiveAsync(frame => { if (wire.IsJoinAck(frame)) joined.Signal(); });
            await client.SendAsync(wire.Join(i % options.Rooms));
        }
        catch (Exception)
        {
            Interlocked.Increment(ref failedConnections);
            joined.Signal();
        }
        finally
        {
            gate.Release();
        }
    }));
}
joined.Wait(TimeSpan.FromMinutes(5));
var connectSeconds = connectWatch.Elapsed.TotalSeconds;
await Task.Delay(TimeSpan.FromSeconds(3)); // let the server settle before reading its memory
var rssConnected = options.Servers.Sum(server => server.RssKb());
var held = clients.Count(c => c is not null);

// One sender per room at a fixed rate; the sender is left out of its own broadcast.
var cpuBefore = options.Servers.Select(server => server.CpuSeconds()).ToArray();
measurements.Start();
using var stop = new CancellationTokenSource(options.Duration);
var interval = TimeSpan.FromSeconds(1.0 / options.RatePerRoom);
var sent = 0L;
var senders = Enumerable.Range(0, options.Rooms).Select(room => Task.Run(async () =>
{
    var sender = clients[room];
    if (sender is null) return;
    // Rooms start spread over one interval, so their messages do not all arrive in one burst.
    await Task.Delay(interval * room / options.Rooms);
    using var timer = new PeriodicTimer(interval);
    try
    {
        while (await timer.WaitForNextTickAsync(stop.Token))
        {
            await sender.SendAsync(wire.Bench(room, Stopwatch.GetTimestamp()));
            Interlocked.Increment(ref sent);
        }
    }
    catch (OperationCanceledException) { }
})).ToArray();
var runWatch = Stopwatch.StartNew();
await Task.WhenAll(senders);
await Task.Delay(TimeSpan.FromSeconds(1)); // deliveries still in flight count
measurements.Stop();
var seconds = runWatch.Elapsed.TotalSeconds;
var cpuPerProcess = options.Servers.Select((server, n) => (server.Name, Seconds: Math.Round(server.CpuSeconds() - cpuBefore[n], 2))).ToArray();
var serverCpuSeconds = cpuPerProcess.Sum(process => process.Seconds);

var membersPerRoom = (double)held / options.Rooms;
Console.WriteLine(JsonSerializer.Serialize(new
{
    transport = wire.Name,
    clients = options.Clients,
    rooms = options.Rooms,
    connectionsHeld = held,
    failedConnections,
    connectSeconds = Math.Round(connectSeconds, 1),
    serverRssMbBefore = rssBefore / 1024.0,
    serverRssMbConnected = rssConnected / 1024.0,
    serverKbPerConnection = held > 0 && rssBefore > 0 ? Math.Round((rssConnected - rssBefore) / (double)held, 2) : double.NaN,
    messagesSent = sent,
    expectedDeliveries = (long)(sent * (membersPerRoom - 1)),
    deliveries = measurements.Deliveries,
    deliveriesPerSecond = Math.Round(measurements.Deliveries / seconds),
    latencyMsP50 = Math.Round(measurements.Percentile(50), 2),
    latencyMsP99 = Math.Round(measurements.Percentile(99), 2),
    // CPU the server used while measured: deliveries per CPU second is its capacity per core,
    // which holds even when the load generator on the same cores limits the offered load.
    serverCpuSeconds = Math.Round(serverCpuSeconds, 2),
    deliveriesPerServerCpuSecond = serverCpuSeconds > 0 ? Math.Round(measurements.Deliveries / serverCpuSeconds) : double.NaN,
    serverCpuSecondsPerProcess = cpuPerProcess.ToDictionary(process => process.Name, process => process.Seconds),
}));

foreach (var client in clients.Where(c => c is not null)) await client.CloseAsync();
return 0;
