using ActorChat.Hosting.Configuration;
using ActorChat.WebFront.Hosting;
using Xunit;

namespace ActorChat.Realtime.Tests;

/// <summary>Bad configuration stops start-up with one sentence that names the option.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("--ActorChat:Realtime:MaxMessageBytes=5", "ActorChat:Realtime:MaxMessageBytes must be between 1024 and 67108864; it is 5.")]
    [InlineData("--ActorChat:Realtime:SendQueueLimit=0", "ActorChat:Realtime:SendQueueLimit must be between 16 and 1000000; it is 0.")]
    [InlineData("--ActorChat:Realtime:FrontHeartbeat=-00:00:01", "ActorChat:Realtime:FrontHeartbeat must be a positive time span such as 00:00:05; it is -00:00:01.")]
    [InlineData("--ActorChat:Silo:SiloPort=70000", "ActorChat:Silo:SiloPort must be between 1 and 65535; it is 70000.")]
    [InlineData("--ActorChat:Silo:GatewayPort=11111", "ActorChat:Silo:SiloPort and ActorChat:Silo:GatewayPort must differ; both are 11111.")]
    [InlineData("--ActorChat:Silo:AdvertisedIP=my-host", "ActorChat:Silo:AdvertisedIP must be an IP address such as 10.0.0.5; it is 'my-host'.")]
    [InlineData("--ActorChat:Cluster:ClusterId= ", "ActorChat:Cluster:ClusterId must not be empty.")]
    [InlineData("--ActorChat:Cluster:Provider=ZooKeeper", "ActorChat:Cluster:Provider is 'ZooKeeper' but must be one of Localhost, Redis.")]
    [InlineData("--ActorChat:Cluster:Provider=Redis", "ActorChat:Cluster:Redis:ConnectionString must not be empty.")]
    [InlineData("--ActorChat:Cluster:ProbeTimeout=00:00:00", "ActorChat:Cluster:ProbeTimeout must be a positive time span such as 00:00:05; it is 00:00:00.")]
    [InlineData("--ActorChat:Role=Silo", "ActorChat:Role must be All or Front; it is 'Silo'. A silo on its own runs from src/Silo.")]
    [InlineData("--ActorChat:Role=Front", "ActorChat:Role=Front needs a cluster to join: set ActorChat:Cluster:Provider to Redis and ActorChat:Cluster:Redis:ConnectionString.")]
    [InlineData("--ActorChat:Fronts:ExpireAfter=00:00:00", "ActorChat:Fronts:ExpireAfter must be a positive time span such as 00:00:06; it is 00:00:00.")]
    [InlineData("--ActorChat:Fronts:CheckInterval=00:01:00", "ActorChat:Fronts:CheckInterval (00:01:00) must be shorter than ActorChat:Fronts:ExpireAfter (00:00:06).")]
    [InlineData("--ActorChat:Fronts:DrainDelay=-00:00:01", "ActorChat:Fronts:DrainDelay must not be negative; it is -00:00:01.")]
    [InlineData("--ActorChat:Recovery:HistoryLength=-1", "ActorChat:Recovery:HistoryLength must be between 0 and 10000; it is -1.")]
    [InlineData("--ActorChat:Recovery:HistoryWindow=00:00:00", "ActorChat:Recovery:HistoryWindow must be a positive time span such as 00:02:00; it is 00:00:00.")]
    [InlineData("--ActorChat:Recovery:SessionRenewalInterval=00:01:01", "ActorChat:Recovery:SessionRenewalInterval must be positive and at most half of ActorChat:Recovery:SessionWindow (00:02:00); it is 00:01:01.")]
    public void A_bad_value_names_its_option(string argument, string message)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => ActorChatApp.Build([argument]));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("Memory")]
    public void A_silo_of_a_redis_cluster_refuses_storage_that_lives_in_one_process(string storage)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => ActorChatApp.Build(
            ["--ActorChat:Cluster:Provider=Redis", "--ActorChat:Cluster:Redis:ConnectionString=127.0.0.1:1", $"--ActorChat:Storage:Provider={storage}"]));
        Assert.Equal(
            $"ActorChat:Storage:Provider is {storage}, which keeps data inside one silo: a silo of a Redis cluster needs storage all silos share, MongoDB or Redis.",
            error.Message);
    }

    [Theory]
    [InlineData("SiloPort")]
    [InlineData("GatewayPort")]
    public void A_silo_port_another_process_holds_is_named_in_one_sentence(string option)
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var other = option == "SiloPort" ? "GatewayPort" : "SiloPort";
        var error = Assert.Throws<InvalidConfigurationException>(() => ActorChatApp.Build(
            [$"--ActorChat:Silo:{option}={port}", $"--ActorChat:Silo:{other}={ActorChat.Testing.FreePort.Next()}"]));
        Assert.Equal($"ActorChat:Silo:{option} is {port}, but another process is using that port; choose a free one.", error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_option()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => ActorChatApp.Build(["--ActorChat:Realtime:MaxMessageBytes=lots"]));
        Assert.Equal("Failed to convert configuration value 'lots' at 'ActorChat:Realtime:MaxMessageBytes' to type 'System.Int32'.", error.Message);
    }
}
