using ActorChat.Testing;
using ActorChat.WebFront.Realtime;

namespace ActorChat.SocketIO.Tests;

public sealed class TightBudgetServer : ServerFixture
{
    public const int EventsPerSecond = 20;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorChat:Limits:EventsPerSecond"] = EventsPerSecond.ToString(),
        ["ActorChat:Limits:EventBurst"] = EventsPerSecond.ToString(),
        ["ActorChat:Limits:RefusedEventsBeforeDisconnect"] = "100",
    };
}

/// <summary>
/// The event budget with socket.io-client: events over it get a <c>rate_limited</c> error, and a client that keeps
/// flooding (the probe sent about 85,000 events a second) is disconnected from the namespace and leaves presence.
/// </summary>
public sealed class FloodTests(TightBudgetServer fixture, NodeClients node) : IClassFixture<TightBudgetServer>, IClassFixture<NodeClients>
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task A_sustained_flood_gets_rate_limited_then_the_socket_is_disconnected_by_the_server(string transport)
    {
        var server = fixture.Server.Get<IRealtimeServer>();
        var user = "flooder-" + transport;
        await using var flooder = await NodeSocketClient.ConnectAsync(node, fixture.Server.BaseUri, "/chat", transport, user);
        Assert.True((await server.GetUserAsync(user)).Online);

        await flooder.EmitManyAsync(1000, "message", "x");
        var limited = await flooder.NextEventAsync("error", args => args[0].GetProperty("code").GetString() == "rate_limited");
        Assert.Contains($"at most {TightBudgetServer.EventsPerSecond} a second", limited[0].GetProperty("message").GetString());
        var closing = await flooder.NextEventAsync("error", args => args[0].GetProperty("message").GetString()!.Contains("far faster"));
        Assert.Equal("The connection sent events far faster than allowed and was closed.", closing[0].GetProperty("message").GetString());
        // socket.io-client's reason for a DISCONNECT packet from the server: it does not reconnect by itself.
        Assert.Equal("io server disconnect", await flooder.DisconnectedAsync());

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await server.GetUserAsync(user)).Online && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.False((await server.GetUserAsync(user)).Online);
    }
}
