namespace ActorChat.Grains.Realtime;

/// <summary>
/// Base of the realtime grains. They keep their members in memory only (the sockets are the truth and
/// fronts re-tell it), so while a grain has members it must not be collected for idleness.
/// </summary>
public abstract class MemberGrain : Grain
{
    private static readonly TimeSpan WhileOccupied = TimeSpan.FromDays(3650);

    protected void StayActiveWhile(bool occupied) =>
        // A negative span hands the grain back to the silo's normal collection policy.
        DelayDeactivation(occupied ? WhileOccupied : TimeSpan.FromTicks(-1));
}
