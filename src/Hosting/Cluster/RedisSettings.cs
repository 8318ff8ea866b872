using StackExchange.Redis;

namespace ActorChat.Hosting.Cluster;

/// <summary>Redis connection settings as ActorChat uses them for membership.</summary>
public static class RedisSettings
{
    /// <summary>
    /// Parses a configuration string. Unless the string says otherwise, the connection is retried in the
    /// background rather than failing, so a Redis outage is survived without a restart.
    /// </summary>
    public static ConfigurationOptions Parse(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        if (!connectionString.Contains("abortConnect", StringComparison.OrdinalIgnoreCase)) options.AbortOnConnectFail = false;
        return options;
    }
}
