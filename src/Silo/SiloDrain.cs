using ActorChat.Hosting.Operations;
using Microsoft.Extensions.Hosting;

namespace ActorChat.Silo;

/// <summary>A silo told to stop reports not ready at once, before Orleans hands its grains over.</summary>
internal sealed class SiloDrain(DrainState drain) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        drain.Begin();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
