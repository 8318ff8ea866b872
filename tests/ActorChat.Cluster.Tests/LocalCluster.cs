using ActorChat.Testing;

namespace ActorChat.Cluster.Tests;

/// <summary>
/// A cluster of separate processes on loopback, configured as <c>scripts/cluster.sh</c> configures
/// one: its own redis-server for membership and storage, silos, and fronts that join as Orleans
/// clients (or co-hosted processes that are both).
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string ApiKey = "cluster-test-key";

    /// <summary>Orleans' probe timeout in these clusters, as the cluster results are specified with.</summary>
    public const string ProbeTimeout = "00:00:02";

    private LocalCluster(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }
    public List<ServerProcess> Silos { get; } = [];
    public List<ServerProcess> Fronts { get; } = [];

    public IEnumerable<ServerProcess> All => Silos.Concat(Fronts);

    public Dictionary<string, string> Environment => new()
    {
        ["ActorChat__Cluster__Provider"] = "Redis",
        ["ActorChat__Cluster__Redis__ConnectionString"] = Redis.ConnectionString,
        ["ActorChat__Cluster__ProbeTimeout"] = ProbeTimeout,
        ["ActorChat__Storage__Provider"] = "Redis",
        ["ActorChat__Storage__Redis__ConnectionString"] = Redis.ConnectionString,
        ["ActorChat__Auth__AllowAnonymous"] = "true",
        ["ActorChat__Api__Key"] = ApiKey,
        ["ActorChat__Dashboard__Enabled"] = "true",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__ActorChat"] = "Information",
    };

    /// <summary>Starts Redis, then the silos, then the fronts, and waits until every one is ready.</summary>
    public static async Task<LocalCluster> StartAsync(int silos, int fronts, string[]? frontArgs = null)
    {
        var redis = new RedisServer();
        await redis.StartAsync();
        var cluster = new LocalCluster(redis);
        try
        {
            for (var i = 1; i <= silos; i++) cluster.Silos.Add(ServerProcess.Silo($"silo{i}", cluster.Environment));
            await Task.WhenAll(cluster.Silos.Select(s => s.WaitReadyAsync()));
            for (var i = 1; i <= fronts; i++) cluster.Fronts.Add(ServerProcess.Front($"front{i}", cluster.Environment, frontArgs ?? []));
            await Task.WhenAll(cluster.Fronts.Select(f => f.WaitReadyAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Co-hosted: every process is a silo and a front (<c>ActorChat:Role=All</c>).</summary>
    public static async Task<LocalCluster> StartCoHostedAsync(int processes)
    {
        var redis = new RedisServer();
        await redis.StartAsync();
        var cluster = new LocalCluster(redis);
        try
        {
            for (var i = 1; i <= processes; i++) cluster.Fronts.Add(ServerProcess.CoHosted($"all{i}", cluster.Environment));
            await Task.WhenAll(cluster.Fronts.Select(f => f.WaitReadyAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every process's output, for a failure message.</summary>
    public string Logs => string.Join("\n\n", All.Select(p => $"==== {p.Name} ====\n{p.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in All) await process.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
