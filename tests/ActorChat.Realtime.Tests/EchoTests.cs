using System.Net.WebSockets;
using System.Text;
using ActorChat.Testing;
using Xunit;

namespace ActorChat.Realtime.Tests;

/// <summary>The WebSocket handshake and the tutorial's echo route.</summary>
public sealed class EchoTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Every_text_message_is_answered_received_plus_the_message_and_the_chat_subprotocol_is_accepted()
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("chat");
        await socket.ConnectAsync(fixture.Server.Ws("test"), CancellationToken.None);
        Assert.Equal("chat", socket.SubProtocol);

        foreach (var message in new[] { "message", "héllo 你好", "" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
            var buffer = new byte[1024];
            using var timeout = new CancellationTokenSource(EnvelopeClient.DefaultTimeout);
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal("received" + message, Encoding.UTF8.GetString(buffer, 0, result.Count));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task A_client_that_offers_no_subprotocol_gets_none()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(fixture.Server.Ws("test"), CancellationToken.None);
        Assert.Null(socket.SubProtocol);
    }
}
