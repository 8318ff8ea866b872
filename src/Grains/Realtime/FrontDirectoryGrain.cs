using ActorChat.Realtime;
using Microsoft.Extensions.Options;

namespace ActorChat.Grains.Realtime;

/// <summary>Options of the front directory, bound from <c>ActorChat:Fronts</c>.</summary>
public sealed class FrontDirectoryOptions
{
    /// <summary>A front that has not sent a heartbeat for this long is considered gone.</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromSeconds(15);
}

public sealed class FrontDirectoryGrain(IOptions<FrontDirectoryOptions> options, TimeProvider clock) : Grain, IFrontDirectoryGrain
{
    private readonly Dictionary<string, (FrontEntry Entry, DateTimeOffset LastSeen)> _fronts = new();

    public Task<FrontEntry[]> Heartbeat(FrontEntry front)
    {
        _fronts[front.FrontId] = (front, clock.GetUtcNow());
        // The directory is the cluster's only record of fronts: it must outlive idle periods.
        DelayDeactivation(TimeSpan.FromDays(3650));
        return GetFronts();
    }

    public Task<FrontEntry[]> GetFronts()
    {
        var cutoff = clock.GetUtcNow() - options.Value.ExpireAfter;
        foreach (var gone in _fronts.Where(f => f.Value.LastSeen < cutoff).Select(f => f.Key).ToList())
            _fronts.Remove(gone);
        return Task.FromResult(_fronts.Values.Select(f => f.Entry).ToArray());
    }

    public Task Remove(string frontId)
    {
        _fronts.Remove(frontId);
        return Task.CompletedTask;
    }
}
