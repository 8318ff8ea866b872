using System.Net.WebSockets;
using System.Text.Json;
using ActorChat.Testing;

namespace ActorChat.SocketIO.Tests;

/// <summary>A server whose rooms keep 20 messages, so that a test can outrun the history.</summary>
public sealed class ShortHistoryServer : ServerFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorChat:Recovery:HistoryLength"] = "20",
    };
}

/// <summary>
/// Socket.IO's connection state recovery (docs/protocol.md, "Reconnecting"): the real socket.io-client 4.8 with its
/// defaults reconnects after a dropped transport with <c>socket.recovered</c> true, its rooms and every room message
/// it missed, in order and once, and nobody hears it leave (tests/js/socketio-recovery.cjs). Frame-level tests pin
/// the wire: the <c>pid</c> in the CONNECT reply and the offset as a room message's last argument.
/// </summary>
public sealed class ConnectionStateRecoveryTests(ShortHistoryServer fixture, NodeClients node)
    : IClassFixture<ShortHistoryServer>, IClassFixture<NodeClients>
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var scenario in new[] { "recover", "gap", "foreign_pid" })
            foreach (var transport in new[] { "default", "websocket" })
                cases.Add(scenario, transport);
        return cases;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Socket_io_client_recovers_with_its_defaults(string scenario, string transport)
    {
        var (exitCode, output) = await node.RunAsync(TimeSpan.FromSeconds(90), "socketio-recovery.cjs", fixture.Server.BaseUri.ToString(), scenario, transport);
        Assert.True(exitCode == 0 && output.Contains($"PASS {scenario}"), output);
    }

    [Fact]
    public async Task The_connect_reply_carries_a_pid_and_room_messages_carry_their_offset_last()
    {
        var room = "wire-" + Guid.NewGuid().ToString("N")[..6];
        using var socket = await SocketIOFrames.OpenAsync(fixture.Server);
        await SocketIOFrames.SendAsync(socket, "40/chat,");
        var reply = JsonDocument.Parse((await SocketIOFrames.NextAsync(socket))["40/chat,".Length..]).RootElement;
        Assert.True(reply.TryGetProperty("sid", out _));
        Assert.Equal(22, reply.GetProperty("pid").GetString()!.Length);

        await SocketIOFrames.SendAsync(socket, $"42/chat,1[\"join\",{{\"room\":\"{room}\"}}]");
        await SocketIOFrames.SendAsync(socket, $"42/chat,2[\"line\",{{\"room\":\"{room}\",\"text\":\"hi\",\"includeSelf\":true}}]");
        var line = await NextEventAsync(socket, "line");
        Assert.Equal("hi", line[1].GetProperty("text").GetString());
        Assert.Matches($"^{room}:[0-9]+$", line[^1].GetString());
    }

    [Fact]
    public async Task With_recovery_off_the_connect_reply_is_the_sid_alone_and_arguments_are_unchanged()
    {
        await using var server = await ActorChatServer.StartAsync(new Dictionary<string, string> { ["ActorChat:SocketIO:ConnectionStateRecovery"] = "false" });
        var room = "plain-" + Guid.NewGuid().ToString("N")[..6];
        using var socket = await SocketIOFrames.OpenAsync(server);
        await SocketIOFrames.SendAsync(socket, "40/chat,");
        var reply = JsonDocument.Parse((await SocketIOFrames.NextAsync(socket))["40/chat,".Length..]).RootElement;
        Assert.Equal(["sid"], reply.EnumerateObject().Select(p => p.Name));

        await SocketIOFrames.SendAsync(socket, $"42/chat,1[\"join\",{{\"room\":\"{room}\"}}]");
        await SocketIOFrames.SendAsync(socket, $"42/chat,2[\"line\",{{\"room\":\"{room}\",\"text\":\"hi\",\"includeSelf\":true}}]");
        var line = await NextEventAsync(socket, "line");
        Assert.Equal(2, line.Length);
    }

    /// <summary>The arguments of the next EVENT named <paramref name="name"/> in /chat, the name first.</summary>
    private static async Task<JsonElement[]> NextEventAsync(WebSocket socket, string name)
    {
        while (true)
        {
            var frame = await SocketIOFrames.NextAsync(socket);
            if (!frame.StartsWith("42/chat,", StringComparison.Ordinal)) continue;
            var array = JsonDocument.Parse(frame["42/chat,".Length..]).RootElement.EnumerateArray().ToArray();
            if (array[0].GetString() == name) return array;
        }
    }
}
