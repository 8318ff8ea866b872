using ActorChat.Grains.Realtime;
using ActorChat.Hosting.Operations;
using Microsoft.Extensions.Hosting;

namespace ActorChat.Silo;

/// <summary>
/// A silo told to stop reports not ready at once, then hands the grains that keep state in memory to another silo,
/// all before Orleans begins to stop (a stopping host calls every <see cref="IHostedLifecycleService.StoppingAsync"/>
/// before any <see cref="IHostedService.StopAsync"/>).
/// </summary>
internal sealed class SiloDrain(DrainState drain, GrainHandOver handOver) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        drain.Begin();
        await handOver.MoveAllAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
