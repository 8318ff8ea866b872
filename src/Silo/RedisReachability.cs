using ActorChat.Hosting.Cluster;
using ActorChat.Hosting.Configuration;
using StackExchange.Redis;

namespace ActorChat.Silo;

/// <summary>
/// A silo of a Redis cluster cannot start without its membership table, so it checks Redis first and
/// stops with one sentence naming the option, instead of Orleans' retries and stack traces.
/// </summary>
internal static class RedisReachability
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static void Require(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 5000;
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                using var redis = ConnectionMultiplexer.Connect(options);
                redis.GetDatabase().Ping();
                return;
            }
            catch (RedisException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
            catch (RedisException)
            {
                throw new InvalidConfigurationException(
                    $"{ClusteringOptions.Section}:Redis:ConnectionString names '{connectionString}', but no Redis answered there within {Patience.TotalSeconds:0} s.");
            }
        }
    }
}
