using ActorChat.Configuration;
using ActorChat.Hosting.Configuration;

namespace ActorChat.Hosting.Cluster;

/// <summary>How the processes of a cluster find each other, bound from <c>ActorChat:Cluster</c> by silos and fronts alike.</summary>
public sealed class ClusteringOptions : IValidatedOptions
{
    public const string Section = "ActorChat:Cluster";

    /// <summary>One of <see cref="ClusteringProviders"/>.</summary>
    public string Provider { get; set; } = ClusteringProviders.Localhost;

    public RedisClusteringSettings Redis { get; set; } = new();

    /// <summary>Orleans' cluster id: silos and fronts with the same one form one cluster.</summary>
    public string ClusterId { get; set; } = "actorchat";

    /// <summary>Orleans' service id: stays the same across deployments, so stored grain state is found again.</summary>
    public string ServiceId { get; set; } = "actorchat";

    /// <summary>Orleans' membership probe timeout: a silo that misses several probes in a row is declared dead.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a grain call may take before it fails (so an emit during a silo failure gets an error, not a long wait).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsRedis => string.Equals(Provider, ClusteringProviders.Redis, StringComparison.OrdinalIgnoreCase);

    public string? Validate() => ConfigurationCheck.First(
        ClusteringProviders.All.Contains(Provider, StringComparer.OrdinalIgnoreCase) ? null
            : $"{Section}:Provider is '{Provider}' but must be one of {string.Join(", ", ClusteringProviders.All)}.",
        IsRedis ? ConfigurationCheck.NotEmpty($"{Section}:Redis:ConnectionString", Redis.ConnectionString) : null,
        ConfigurationCheck.NotEmpty($"{Section}:ClusterId", ClusterId),
        ConfigurationCheck.NotEmpty($"{Section}:ServiceId", ServiceId),
        ConfigurationCheck.Positive($"{Section}:ProbeTimeout", ProbeTimeout),
        ConfigurationCheck.Positive($"{Section}:ResponseTimeout", ResponseTimeout));
}

public static class ClusteringProviders
{
    /// <summary>One silo on this machine; the one-command run.</summary>
    public const string Localhost = "Localhost";

    /// <summary>Membership and the gateway list in Redis: several silos and fronts on several machines.</summary>
    public const string Redis = "Redis";

    public static readonly IReadOnlyList<string> All = [Localhost, Redis];
}

public sealed class RedisClusteringSettings
{
    /// <summary>A StackExchange.Redis configuration string such as <c>10.0.0.5:6379</c>.</summary>
    public string ConnectionString { get; set; } = "";
}
