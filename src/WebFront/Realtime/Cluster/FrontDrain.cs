using ActorChat.Hosting.Cluster;
using ActorChat.Hosting.Operations;
using ActorChat.WebFront.Realtime.Dispatch;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>
/// What a front does when told to stop, before the web server stops. In a cluster it drains: it
/// turns not ready at once (no new connections), waits <see cref="FrontDrainOptions.DrainDelay"/>, then
/// closes its connections over <see cref="FrontDrainOptions.DrainPeriod"/> in each transport's
/// "reconnect elsewhere" form. Alone (one process), there is nowhere else to go: it closes them at once.
/// </summary>
internal sealed class FrontDrain(
    DrainState drain,
    LocalConnections local,
    ClusteringOptions clustering,
    IOptions<FrontDrainOptions> options,
    ILogger<FrontDrain> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        drain.Begin();
        if (!clustering.IsRedis)
        {
            foreach (var connection in local.All) connection.Close("The server is shutting down.");
            return;
        }
        var (delay, period) = (options.Value.DrainDelay, options.Value.DrainPeriod);
        logger.LogInformation("Draining: {Connections} connections close over {Period} after {Delay}", local.Count, period, delay);
        await Task.Delay(delay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var connections = local.All.ToList();
        var ticks = Math.Max(1, (int)(period / Tick));
        var perTick = (int)Math.Ceiling(connections.Count / (double)ticks);
        foreach (var batch in connections.Chunk(Math.Max(1, perTick)))
        {
            foreach (var connection in batch) connection.Drain("The server is restarting; reconnect.");
            if (cancellationToken.IsCancellationRequested) continue;
            await Task.Delay(Tick, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
