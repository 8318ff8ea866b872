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

    private readonly IReadOnlyDictionary<string, string> _settings;

    private LocalCluster(RedisServer redis, IReadOnlyDictionary<string, string>? settings = null) =>
        (Redis, _settings) = (redis, settings ?? new Dictionary<string, string>());

    public RedisServer Redis { get; }
    public List<ServerProcess> Silos { get; } = [];
    public List<ServerProcess> Fronts { get; } = [];

    public IEnumerable<ServerProcess> All => Silos.Concat(Fronts);

    /// <summary>What every process of the cluster is started with: the cluster's own settings, then the test's.</summary>
    public Dictionary<string, string> Environment => new Dictionary<string, string>
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
        // Who declared whom dead, and when: what a failure of these tests needs to be understood.
        ["Logging__LogLevel__Orleans.Runtime.MembershipService.MembershipTableManager"] = "Information",
        ["Logging__LogLevel__Orleans.Messaging.GatewayManager"] = "Debug",
        ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
    }.Concat(_settings).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    /// <summary>
    /// Starts Redis, then the silos, then the fronts, and waits until every one is ready; <paramref name="settings"/> are
    /// environment variables for every process (<c>ActorChat__Recovery__SessionWindow</c>) over the cluster's own.
    /// </summary>
    public static Task<LocalCluster> StartAsync(int silos, int fronts, IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(new RedisServer(), Enumerable.Repeat(Placement.Loopback, silos).ToArray(), Enumerable.Repeat(Placement.Loopback, fronts).ToArray(), settings);

    /// <summary>The same with each process placed on a host of its own (network namespaces), Redis on <paramref name="redis"/>.</summary>
    public static async Task<LocalCluster> StartAsync(RedisServer redis, Placement[] silos, Placement[] fronts, IReadOnlyDictionary<string, string>? settings = null)
    {
        await redis.StartAsync();
        var cluster = new LocalCluster(redis, settings);
        try
        {
            for (var i = 0; i < silos.Length; i++) cluster.Silos.Add(ServerProcess.Silo($"silo{i + 1}", cluster.Environment, silos[i]));
            await Task.WhenAll(cluster.Silos.Select(s => s.WaitReadyAsync()));
            for (var i = 0; i < fronts.Length; i++) cluster.Fronts.Add(ServerProcess.Front($"front{i + 1}", cluster.Environment, fronts[i]));
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
