using System.Net.WebSockets;
using System.Text;

namespace ActorChat.Testing;

/// <summary>A Socket.IO session spoken frame by frame over a raw WebSocket, for exact protocol assertions.</summary>
public static class SocketIOFrames
{
    /// <summary>Opens a WebSocket-only Engine.IO session and reads its open packet.</summary>
    public static async Task<ClientWebSocket> OpenAsync(ActorChatServer server, IReadOnlyDictionary<string, string>? headers = null)
    {
        var socket = new ClientWebSocket();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) socket.Options.SetRequestHeader(name, value);
        await socket.ConnectAsync(server.Ws("socket.io/?EIO=4&transport=websocket"), CancellationToken.None);
        var open = await NextAsync(socket);
        if (!open.StartsWith("0{", StringComparison.Ordinal)) throw new InvalidOperationException($"Expected the open packet, got {open}");
        return socket;
    }

    public static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next text frame, answering pings on the way; "CLOSED" when the server closed the socket.</summary>
    public static async Task<string> NextAsync(WebSocket socket, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[65536];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close) return "CLOSED";
            var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
            if (text == "2") { await SendAsync(socket, "3"); continue; }
            return text;
        }
    }
}
