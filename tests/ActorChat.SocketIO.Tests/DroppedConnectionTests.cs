using ActorChat.Testing;
using ActorChat.WebFront.Realtime;

namespace ActorChat.SocketIO.Tests;

/// <summary>A server with a short heartbeat and connect timeout, so that dropped clients are noticed within a test's patience.</summary>
public sealed class ShortHeartbeatServer : ServerFixture
{
    public const int PingInterval = 400;
    // Long enough for a test's pong to arrive in time on a loaded machine (300 ms was not), short enough for a test's patience.
    public const int PingTimeout = 1500;
    public const int ConnectTimeout = 1000;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorChat:SocketIO:PingInterval"] = PingInterval.ToString(),
        ["ActorChat:SocketIO:PingTimeout"] = PingTimeout.ToString(),
        ["ActorChat:SocketIO:ConnectTimeout"] = ConnectTimeout.ToString(),
    };
}

/// <summary>A client killed without a close leaves its rooms and presence after pingInterval + pingTimeout.</summary>
public sealed class DroppedConnectionTests(ShortHeartbeatServer fixture, NodeClients node) : IClassFixture<ShortHeartbeatServer>, IClassFixture<NodeClients>
{
    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task A_killed_client_leaves_rooms_and_presence(string transport)
    {
        var server = fixture.Server.Get<IRealtimeServer>();
        var room = "drop-" + Guid.NewGuid().ToString("N")[..6];
        var user = "dropper-" + transport;
        await using var client = await NodeSocketClient.ConnectAsync(node, fixture.Server.BaseUri, "/chat", transport, user);
        await client.EmitWithAckAsync("join", new { username = user, room });
        Assert.Equal(1, (await server.GetRoomMembersAsync("/chat", room)).Connections);
        Assert.True((await server.GetUserAsync(user)).Online);

        client.Kill();
        // A client busy when its pong is due gets a second pingTimeout; the rest is room for a loaded machine.
        var deadline = DateTime.UtcNow.AddMilliseconds(ShortHeartbeatServer.PingInterval + 2 * ShortHeartbeatServer.PingTimeout + 10_000);
        while (((await server.GetRoomMembersAsync("/chat", room)).Connections > 0 || (await server.GetUserAsync(user)).Online) && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.Equal(0, (await server.GetRoomMembersAsync("/chat", room)).Connections);
        Assert.False((await server.GetUserAsync(user)).Online);
    }
}
