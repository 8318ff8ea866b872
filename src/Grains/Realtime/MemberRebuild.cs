using ActorChat.Realtime;
using Microsoft.Extensions.Logging;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// Fills a fresh activation of a room, user or namespace grain from the live fronts: each is asked
/// for its slice of the grain's members. The sockets are the truth, so a grain whose silo died comes
/// back whole. A front that does not answer is asked again while it holds its lease; once its lease
/// ends, it has no members to give.
/// </summary>
internal static class MemberRebuild
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Fills <paramref name="into"/>; returns the users the fronts' clients were told are present (rooms only).</summary>
    public static async Task<HashSet<string>> LoadAsync(IGrainFactory grains, MemberScope scope, string key, FrontMembers into, ILogger logger, CancellationToken cancel)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        var directory = grains.GetGrain<IFrontDirectoryGrain>(IFrontDirectoryGrain.Key);
        var fronts = await directory.GetFronts();
        if (fronts.Length == 0) return present;
        var slices = await Task.WhenAll(fronts.Select(front => AskAsync(directory, front, scope, key, logger, cancel)));
        foreach (var (front, slice) in fronts.Zip(slices))
        {
            if (slice is null) continue;
            into.Replace(front with { Epoch = slice.Epoch }, slice.Members);
            present.UnionWith(slice.PresentUsers ?? []);
        }
        return present;
    }

    private static async Task<FrontSlice?> AskAsync(IFrontDirectoryGrain directory, FrontEntry front, MemberScope scope, string key, ILogger logger, CancellationToken cancel)
    {
        while (true)
        {
            try
            {
                return await front.Observer.DescribeMembers(scope, key).WaitAsync(AskTimeout, cancel);
            }
            catch (Exception ex) when (!cancel.IsCancellationRequested)
            {
                logger.LogDebug(ex, "Front {FrontId} did not describe its members of {Scope} {Key}", front.FrontId, scope, key);
            }
            var live = await directory.GetFronts();
            if (!live.Any(f => f.FrontId == front.FrontId && f.Epoch == front.Epoch)) return null;
            await Task.Delay(RetryDelay, cancel);
        }
    }
}
