using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorChat.Testing;
using Xunit;

namespace ActorChat.Realtime.Tests;

public sealed class ShortHandshakeServerFixture : ServerFixture
{
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorChat:Limits:HandshakeTimeout"] = HandshakeTimeout.ToString(),
    };
}

/// <summary>
/// <c>ActorChat:Limits:HandshakeTimeout</c>: a client that opens a connection and never finishes its request headers,
/// SignalR's handshake or an Engine.IO upgrade is dropped when that time is up, not after the defaults that let
/// idle half-open connections pile up (Kestrel's 30 s for headers, SignalR's 15 s, an Engine.IO session's 45 s of pings).
/// </summary>
public sealed class HandshakeLimitTests(ShortHandshakeServerFixture fixture) : IClassFixture<ShortHandshakeServerFixture>
{
    // The server drops the client after 2 s; the defaults would wait 15 s or more. This bound leaves room for a loaded machine.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(12);

    private ActorChatServer Server => fixture.Server;

    [Theory]
    [InlineData("/ws/chat")]
    [InlineData("/hubs/chat?namespace=%2Fchat")]
    [InlineData("/socket.io/?EIO=4&transport=polling")]
    public async Task A_client_that_never_finishes_its_request_headers_is_dropped_within_the_handshake_time(string path)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Server.BaseUri.Port);
        var stream = tcp.GetStream();
        // An upgrade request whose headers never end (no blank line): the slowloris way of holding a connection.
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"));
        var watch = Stopwatch.StartNew();

        var answer = new MemoryStream();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var buffer = new byte[1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, patience.Token)) > 0) answer.Write(buffer, 0, read);

        Assert.True(watch.Elapsed < Bound, $"The half-sent request was dropped only after {watch.Elapsed}.");
        Assert.True(watch.Elapsed >= ShortHandshakeServerFixture.HandshakeTimeout - TimeSpan.FromMilliseconds(500), $"Dropped too early, after {watch.Elapsed}.");
        Assert.StartsWith("HTTP/1.1 408", Encoding.ASCII.GetString(answer.ToArray()));
    }

    [Fact]
    public async Task A_SignalR_WebSocket_that_never_sends_the_hub_handshake_is_closed_within_the_handshake_time()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(Server.Ws("hubs/chat?namespace=%2Fchat"), CancellationToken.None);
        var watch = Stopwatch.StartNew();

        // SignalR's answer to a handshake that did not come in time, then the close.
        Assert.Equal("{\"error\":\"Handshake was canceled.\"}\u001e", await ReceiveUntilClosedAsync(socket));
        Assert.True(watch.Elapsed < Bound, $"The SignalR connection without a handshake was closed only after {watch.Elapsed}.");
        Assert.Equal("CLOSED", await ReceiveUntilClosedAsync(socket));
    }

    [Fact]
    public async Task An_Engine_IO_upgrade_that_never_sends_its_probe_is_closed_and_the_session_stays_on_polling()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var open = await http.GetStringAsync("socket.io/?EIO=4&transport=polling");
        var sid = JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString()!;

        using var upgrade = new ClientWebSocket();
        await upgrade.ConnectAsync(Server.Ws($"socket.io/?EIO=4&transport=websocket&sid={sid}"), CancellationToken.None);
        var watch = Stopwatch.StartNew();
        Assert.Equal("CLOSED", await ReceiveUntilClosedAsync(upgrade));
        Assert.True(watch.Elapsed < Bound, $"The upgrade without a probe was closed only after {watch.Elapsed}.");
        Assert.Equal(WebSocketCloseStatus.ProtocolError, upgrade.CloseStatus);

        // Only the upgrade failed: the session still works over polling.
        await http.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("40/chat,"));
        Assert.StartsWith("40/chat,{\"sid\":", await http.GetStringAsync($"socket.io/?EIO=4&transport=polling&sid={sid}"));
        await http.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("1"));
    }

    /// <summary>Reads until the server closes the socket ("CLOSED"), or returns the first message it sends instead.</summary>
    private static async Task<string> ReceiveUntilClosedAsync(WebSocket socket)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[4096];
        try
        {
            var result = await socket.ReceiveAsync(buffer, patience.Token);
            return result.MessageType == WebSocketMessageType.Close ? "CLOSED" : Encoding.UTF8.GetString(buffer, 0, result.Count);
        }
        catch (WebSocketException)
        {
            // The server ended the connection without a close frame: closed all the same.
            return "CLOSED";
        }
    }
}
