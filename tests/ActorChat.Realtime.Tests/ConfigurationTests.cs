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
    [InlineData("--ActorChat:Silo:ClusterId= ", "ActorChat:Silo:ClusterId must not be empty.")]
    [InlineData("--ActorChat:Fronts:ExpireAfter=00:00:00", "ActorChat:Fronts:ExpireAfter must be a positive time span such as 00:00:05; it is 00:00:00.")]
    public void A_bad_value_names_its_option(string argument, string message)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => ActorChatApp.Build([argument]));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_option()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => ActorChatApp.Build(["--ActorChat:Realtime:MaxMessageBytes=lots"]));
        Assert.Equal("Failed to convert configuration value 'lots' at 'ActorChat:Realtime:MaxMessageBytes' to type 'System.Int32'.", error.Message);
    }
}
