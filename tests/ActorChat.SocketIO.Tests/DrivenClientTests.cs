using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.Testing;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.SocketIO.Tests;

/// <summary>socket.io-client processes driven by the test: server emits with ack, and a room shared with SignalR and raw WebSocket clients.</summary>
public sealed class DrivenClientTests(ServerFixture fixture, NodeClients node) : IClassFixture<ServerFixture>, IClassFixture<NodeClients>
{
    private ActorChatServer Server => fixture.Server;

    public static TheoryData<string> Transports => new("default", "websocket", "polling");

    private IRealtimeConnection Local(string sid) =>
        Server.Get<LocalConnections>().Find(sid) ?? throw new InvalidOperationException($"{sid} is not on this front");

    [Theory, MemberData(nameof(Transports))]
    public async Task Server_emit_with_ack_gets_the_clients_answer(string transport)
    {
        await using var client = await NodeSocketClient.ConnectAsync(node, Server.BaseUri, "/chat", transport);
        var reply = await Local(client.Sid).EmitWithAckAsync(EventPayload.Create("question", ["2+2", 4]), TimeSpan.FromSeconds(5));
        Assert.Equal(["answer", "2+2", "4"], reply.Args.Select(a => a.ToString()));
        var asked = await client.NextEventAsync("question");
        Assert.Equal("2+2", asked[0].GetString());
    }

    [Fact]
    public async Task Server_emit_with_ack_times_out_when_the_client_does_not_answer()
    {
        await using var client = await NodeSocketClient.ConnectAsync(node, Server.BaseUri, "/chat", "websocket");
        await Assert.ThrowsAsync<TimeoutException>(() =>
            Local(client.Sid).EmitWithAckAsync(EventPayload.Create("question", ["no-answer"]), TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Server_emit_with_ack_carries_binary_both_ways()
    {
        await using var client = await NodeSocketClient.ConnectAsync(node, Server.BaseUri, "/chat", "websocket");
        var reply = await Local(client.Sid).EmitWithAckAsync(EventPayload.Create("blob", [new byte[] { 9, 8, 7 }]), TimeSpan.FromSeconds(5));
        // The client echoes its arguments after "answer": the bytes come back as a BINARY_ACK attachment.
        Assert.True(EventPayload.IsPlaceholder(reply.Args[1], out var num));
        Assert.Equal(new byte[] { 9, 8, 7 }, reply.Attachments[num]);
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task Socket_io_SignalR_and_raw_WebSocket_clients_in_one_room_hear_each_other(string transport)
    {
        var room = "mixed-" + Guid.NewGuid().ToString("N")[..6];
        await using var sio = await NodeSocketClient.ConnectAsync(node, Server.BaseUri, "/chat", transport, user: "sio");
        await using var signalr = await ChatTransports.ConnectAsync(Server, ChatTransports.SignalRJson, "/chat", "hub", null, "line", "message");
        await using var ws = await ChatTransports.ConnectAsync(Server, ChatTransports.WebSocket, "/chat", "raw");
        await sio.EmitWithAckAsync("join", new { username = "sio", room });
        await signalr.EmitWithAckAsync("join", new { username = "hub", room });
        await ws.EmitWithAckAsync("join", new { username = "raw", room });

        await sio.EmitWithAckAsync("line", new { room, text = "from socket.io" });
        Assert.Equal("from socket.io", (await signalr.NextEventAsync("line", a => Text(a) == "from socket.io"))[0].GetProperty("text").GetString());
        Assert.Equal("from socket.io", (await ws.NextEventAsync("line", a => Text(a) == "from socket.io"))[0].GetProperty("text").GetString());

        await signalr.EmitWithAckAsync("line", new { room, text = "from SignalR" });
        await ws.EmitWithAckAsync("line", new { room, text = "from raw WebSocket" });
        var fromHub = await sio.NextEventAsync("line", a => Text(a) == "from SignalR");
        Assert.Equal("hub", fromHub[0].GetProperty("from").GetProperty("user").GetString());
        await sio.NextEventAsync("line", a => Text(a) == "from raw WebSocket");
    }

    [Fact]
    public async Task Binary_from_socket_io_reaches_a_raw_WebSocket_client_as_base64()
    {
        var room = "bin-" + Guid.NewGuid().ToString("N")[..6];
        await using var sio = await NodeSocketClient.ConnectAsync(node, Server.BaseUri, "/chat", "websocket");
        await using var ws = await ChatTransports.ConnectAsync(Server, ChatTransports.WebSocket, "/chat");
        await sio.EmitWithAckAsync("join", new { room });
        await ws.EmitWithAckAsync("join", new { room });
        await sio.EmitWithAckAsync("file", new { room }, new Dictionary<string, int[]> { ["$bytes"] = [1, 2, 3] });
        var got = await ws.NextEventAsync("file");
        Assert.Equal(Convert.ToBase64String([1, 2, 3]), got[1].GetString());
    }

    private static string? Text(JsonElement[] args) =>
        args is [{ ValueKind: JsonValueKind.Object } first, ..] && first.TryGetProperty("text", out var text) ? text.GetString() : null;
}
