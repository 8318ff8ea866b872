using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>This front's observer reference as grains hold it, available once the front has joined the cluster.</summary>
public sealed class FrontReference
{
    private readonly TaskCompletionSource<IFrontObserver> _reference = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IFrontObserver> Observer => _reference.Task;

    internal void Publish(IFrontObserver reference) => _reference.TrySetResult(reference);
}
