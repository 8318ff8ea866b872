namespace ActorChat.Hosting.Operations;

/// <summary>
/// Whether the process is draining: it was told to stop, so it reports not ready and takes no new
/// connections while the load balancer moves clients elsewhere.
/// </summary>
public sealed class DrainState
{
    private int _draining;

    public bool IsDraining => Volatile.Read(ref _draining) != 0;

    public void Begin() => Volatile.Write(ref _draining, 1);
}
