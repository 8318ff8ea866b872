using ActorChat.Hosting.Configuration;
using ActorChat.WebFront.Transports.SocketIO;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorChat.SocketIO.Tests;

public sealed class SocketIOOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.Null(new SocketIOOptions().Validate());

    [Theory]
    [InlineData("Path", "socket.io", "ActorChat:SocketIO:Path")]
    [InlineData("Path", "/a//b/", "ActorChat:SocketIO:Path")]
    [InlineData("PingInterval", "10", "ActorChat:SocketIO:PingInterval")]
    [InlineData("PingTimeout", "0", "ActorChat:SocketIO:PingTimeout")]
    [InlineData("MaxPayload", "100", "ActorChat:SocketIO:MaxPayload")]
    [InlineData("ConnectTimeout", "5", "ActorChat:SocketIO:ConnectTimeout")]
    [InlineData("SendQueueLimit", "1", "ActorChat:SocketIO:SendQueueLimit")]
    [InlineData("AllowedOrigins:0", "*", "ActorChat:SocketIO:AllowedOrigins is now ActorChat:AllowedOrigins")]
    [InlineData("PingInterval", "soon", "ActorChat:SocketIO")]
    public void A_bad_option_stops_start_up_with_a_sentence_naming_it(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{SocketIOOptions.Section}:{key}"] = value })
            .Build();
        var ex = Assert.Throws<InvalidConfigurationException>(() => new ServiceCollection().AddActorChatSocketIO(configuration));
        Assert.Contains(named, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
