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
    [InlineData("AllowedOrigins:0", "example.com", "ActorChat:SocketIO:AllowedOrigins")]
    [InlineData("AllowedOrigins:0", "ftp://example.com", "ActorChat:SocketIO:AllowedOrigins")]
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

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("http://localhost:5173", true)]
    [InlineData("https://127.0.0.1:8443", true)]
    [InlineData("http://[::1]:3000", true)]
    [InlineData("https://evil.example", false)]
    [InlineData("http://localhost.evil.example", false)]
    [InlineData("not an origin", false)]
    public void Default_origins_are_localhost_on_any_port(string? origin, bool allowed) =>
        Assert.Equal(allowed, new SocketIOOptions().IsOriginAllowed(origin));

    [Fact]
    public void A_configured_origin_with_a_port_allows_only_that_port()
    {
        var options = new SocketIOOptions { AllowedOrigins = ["https://chat.example.com:8443"] };
        Assert.True(options.IsOriginAllowed("https://chat.example.com:8443"));
        Assert.False(options.IsOriginAllowed("https://chat.example.com"));
        Assert.False(options.IsOriginAllowed("http://localhost:5000"));
    }

    [Fact]
    public void A_star_allows_every_origin() =>
        Assert.True(new SocketIOOptions { AllowedOrigins = ["*"] }.IsOriginAllowed("https://anywhere.example"));
}
