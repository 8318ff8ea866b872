using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorChat.Testing;

namespace ActorChat.SocketIO.Tests;

/// <summary>
/// The Engine.IO and Socket.IO behaviours the official suites check, over a raw WebSocket, so CI
/// (which cannot fetch the suites) checks them too: heartbeat, upgrade, connect timeout, bad packets.
/// </summary>
public sealed class EngineWebSocketTests(ShortHeartbeatServer fixture) : IClassFixture<ShortHeartbeatServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private Uri Ws(string query) => fixture.Server.Ws("socket.io/?" + query);

    private static async Task<ClientWebSocket> OpenAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, CancellationToken.None);
        return socket;
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message as text (binary as "bytes:" + base64), or null when the server closed.</summary>
    private static async Task<string?> NextAsync(WebSocket socket, bool skipPings = true)
    {
        using var cancel = new CancellationTokenSource(Patience);
        while (true)
        {
            var buffer = new byte[65536];
            var result = await socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            var text = result.MessageType == WebSocketMessageType.Binary
                ? "bytes:" + Convert.ToBase64String(buffer, 0, result.Count)
                : Encoding.UTF8.GetString(buffer, 0, result.Count);
            if (skipPings && text == "2") { await SendAsync(socket, "3"); continue; }
            return text;
        }
    }

    [Fact]
    public async Task A_websocket_session_opens_pings_and_closes_on_ping_timeout()
    {
        using var socket = await OpenAsync(Ws("EIO=4&transport=websocket"));
        var open = JsonDocument.Parse((await NextAsync(socket))![1..]).RootElement;
        Assert.Empty(open.GetProperty("upgrades").EnumerateArray());
        Assert.Equal("2", await NextAsync(socket, skipPings: false));
        await SendAsync(socket, "3");
        Assert.Equal("2", await NextAsync(socket, skipPings: false));
        // No pong this time: the session ends after pingTimeout.
        Assert.Null(await NextAsync(socket, skipPings: false));
    }

    [Fact]
    public async Task A_session_that_connects_to_no_namespace_is_closed_after_connectTimeout()
    {
        using var socket = await OpenAsync(Ws("EIO=4&transport=websocket"));
        await NextAsync(socket);
        Assert.Null(await NextAsync(socket));
    }

    [Fact]
    public async Task Polling_upgrades_to_websocket_and_the_old_transport_is_refused()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUri };
        var sid = JsonDocument.Parse((await http.GetStringAsync("socket.io/?EIO=4&transport=polling"))[1..]).RootElement.GetProperty("sid").GetString();
        await http.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("40/chat,"));
        // On a loaded machine a ping (every 400 ms here) can come first, in the same payload or a poll of its own.
        var connected = false;
        for (var attempt = 0; attempt < 10 && !connected; attempt++)
        {
            var packets = (await http.GetStringAsync($"socket.io/?EIO=4&transport=polling&sid={sid}")).Split('\x1e');
            connected = packets.Any(packet => packet.StartsWith("40/chat,"));
            if (packets.Contains("2")) await http.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("3"));
        }
        Assert.True(connected, "The namespace CONNECT was never answered over polling.");

        var poll = http.GetStringAsync($"socket.io/?EIO=4&transport=polling&sid={sid}");
        using var socket = await OpenAsync(Ws($"EIO=4&transport=websocket&sid={sid}"));
        await SendAsync(socket, "2probe");
        Assert.Equal("3probe", await NextAsync(socket));
        Assert.Equal("6", await poll);
        await SendAsync(socket, "5");
        await SendAsync(socket, "42/chat,[\"my event\",\"message\"]");
        Assert.Equal("42/chat,[\"my event\",\"received data.\"]", await NextAsync(socket));

        var after = await http.GetAsync($"socket.io/?EIO=4&transport=polling&sid={sid}");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, after.StatusCode);
        using var second = await OpenAsync(Ws($"EIO=4&transport=websocket&sid={sid}"));
        Assert.Null(await NextAsync(second));
    }

    [Theory]
    [InlineData("4abc")]
    [InlineData("42{}")]
    [InlineData("42abc[\"message\"]")]
    [InlineData("42/nowhere,[\"message\"]")]
    [InlineData("9")]
    public async Task A_bad_packet_closes_the_connection(string packet)
    {
        using var socket = await OpenAsync(Ws("EIO=4&transport=websocket"));
        await NextAsync(socket);
        await SendAsync(socket, "40");
        Assert.StartsWith("40{\"sid\":", await NextAsync(socket));
        await SendAsync(socket, packet);
        // Whatever was already on its way may still arrive; then the server closes (or the read times out and the test fails).
        while (await NextAsync(socket) is not null) { }
        Assert.NotEqual(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task A_message_over_maxPayload_closes_with_1009()
    {
        using var socket = await OpenAsync(Ws("EIO=4&transport=websocket"));
        await NextAsync(socket);
        await SendAsync(socket, "4" + new string('x', 1_000_001));
        Assert.Null(await NextAsync(socket));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
    }

    [Fact]
    public async Task Namespaces_share_a_session_and_disconnect_one_at_a_time()
    {
        using var socket = await OpenAsync(Ws("EIO=4&transport=websocket"));
        await NextAsync(socket);
        await SendAsync(socket, "40/chat,{\"token\":\"t\"}");
        Assert.StartsWith("40/chat,{\"sid\":", await NextAsync(socket));
        await SendAsync(socket, "40/socketTest,");
        Assert.StartsWith("40/socketTest,{\"sid\":", await NextAsync(socket));
        Assert.Equal("42/socketTest,[\"message\",\"class conected!\"]", await NextAsync(socket));
        await SendAsync(socket, "40/random");
        Assert.Equal("44/random,{\"message\":\"Invalid namespace\"}", await NextAsync(socket));
        await SendAsync(socket, "41/socketTest,");
        await SendAsync(socket, "42/chat,7[\"join\",{\"room\":\"ns-test\"}]");
        string? reply;
        do reply = await NextAsync(socket); while (reply is not null && !reply.StartsWith("43/chat,7", StringComparison.Ordinal));
        Assert.Equal("43/chat,7[{\"room\":\"ns-test\",\"members\":1}]", reply);
    }
}
