using System.Net.WebSockets;
using System.Text;
using ActorChat.Testing;

namespace ActorChat.SocketIO.Tests;

public sealed class GuardedSocketIOServer : IAsyncLifetime
{
    public ActorChatServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await GuardedNamespace.StartServerAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>A namespace that refuses a client answers its CONNECT with CONNECT_ERROR; the session and other namespaces carry on.</summary>
public sealed class RefusalTests(GuardedSocketIOServer fixture) : IClassFixture<GuardedSocketIOServer>
{
    [Fact]
    public async Task A_refused_connect_gets_CONNECT_ERROR_with_the_reason_and_a_later_good_one_succeeds()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(fixture.Server.Ws("socket.io/?EIO=4&transport=websocket"), CancellationToken.None);
        Assert.StartsWith("0{", await NextAsync(socket));

        await SendAsync(socket, "40/guarded,{\"token\":\"wrong\"}");
        Assert.Equal("44/guarded,{\"message\":\"Bad token.\",\"data\":{\"code\":\"refused\"}}", await NextAsync(socket));

        await SendAsync(socket, "40/chat,");
        Assert.StartsWith("40/chat,{\"sid\":", await NextAsync(socket));

        await SendAsync(socket, $"40/guarded,{{\"token\":\"{GuardedNamespace.Token}\"}}");
        Assert.StartsWith("40/guarded,{\"sid\":", await NextAsync(socket));
        Assert.Equal("42/guarded,[\"message\",\"welcome\"]", await NextAsync(socket));
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> NextAsync(WebSocket socket)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var buffer = new byte[65536];
            var result = await socket.ReceiveAsync(buffer, cancel.Token);
            var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
            if (text == "2") { await SendAsync(socket, "3"); continue; }
            return text;
        }
    }
}
