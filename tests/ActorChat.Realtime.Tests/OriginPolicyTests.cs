using ActorChat.Hosting.Configuration;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ActorChat.Realtime.Tests;

/// <summary>What <c>ActorChat:AllowedOrigins</c> allows, unset and set, in Development and elsewhere.</summary>
public sealed class OriginPolicyTests
{
    private static readonly HostString Host = new("chat.example.com:5000");

    private static OriginPolicy Policy(bool development, params string[] origins)
    {
        var values = origins.Select((o, i) => new KeyValuePair<string, string?>($"{OriginPolicy.Key}:{i}", o));
        return OriginPolicy.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), development);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("http://chat.example.com:5000", true)]
    [InlineData("http://localhost:5173", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("not an origin", false)]
    public void Unset_outside_Development_only_same_origin_pages_and_clients_without_an_origin_are_allowed(string? origin, bool allowed) =>
        Assert.Equal(allowed, Policy(development: false).Allows(origin, Host));

    [Fact]
    public void Unset_in_Development_any_origin_is_allowed()
    {
        var policy = Policy(development: true);
        Assert.True(policy.AllowsAny);
        Assert.True(policy.Allows("https://evil.example", Host));
    }

    [Fact]
    public void A_configured_list_applies_in_Development_too() =>
        Assert.False(Policy(true, "https://chat.example.com").Allows("https://evil.example", Host));

    [Fact]
    public void A_configured_origin_with_a_port_allows_only_that_port()
    {
        var policy = Policy(false, "https://chat.example.com:8443");
        Assert.True(policy.Allows("https://chat.example.com:8443", Host));
        Assert.False(policy.Allows("https://chat.example.com", Host));
        Assert.False(policy.Allows("http://localhost:5000", Host));
    }

    [Theory]
    [InlineData("http://localhost:5173", true)]
    [InlineData("https://localhost:8443", false)]
    [InlineData("http://localhost.evil.example", false)]
    public void An_origin_without_a_port_allows_every_port_of_that_host(string origin, bool allowed) =>
        Assert.Equal(allowed, Policy(false, "http://localhost").Allows(origin, Host));

    [Fact]
    public void A_star_allows_every_origin() => Assert.True(Policy(false, "*").Allows("https://anywhere.example", Host));

    [Fact]
    public void One_value_with_commas_is_a_list()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(OriginPolicy.Key, "https://a.example, https://b.example")]).Build();
        var policy = OriginPolicy.FromConfiguration(configuration, development: false);
        Assert.True(policy.Allows("https://b.example", Host));
        Assert.False(policy.Allows("https://c.example", Host));
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("ftp://example.com")]
    [InlineData("https://example.com/path")]
    public void Something_that_is_not_an_origin_stops_start_up_naming_the_option(string origin)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Policy(false, origin));
        Assert.Equal($"ActorChat:AllowedOrigins has '{origin}', which is neither '*' nor an origin such as 'https://example.com' or 'http://localhost:5000'.", error.Message);
    }
}
