using System.Net.Http.Json;
using System.Text.Json;
using ActorChat.Testing;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;

namespace ActorChat.Realtime.Tests;

/// <summary>One event model behind all transports: clients on different transports share rooms and users.</summary>
public sealed class CrossTransportTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ActorChatServer Server => fixture.Server;

    [Fact]
    public async Task SignalR_and_raw_WebSocket_clients_in_one_room_hear_each_other()
    {
        await using var ws = await ChatTransports.ConnectAsync(Server, ChatTransports.WebSocket, "/chat", user: "ws-user", events: "say");
        await using var signalr = await ChatTransports.ConnectAsync(Server, ChatTransports.SignalRJson, "/chat", user: "sr-user", events: "say");
        await using var msgpack = await ChatTransports.ConnectAsync(Server, ChatTransports.SignalRMessagePack, "/chat", user: "mp-user", events: "say");
        var room = NewRoom();
        foreach (var client in new[] { ws, signalr, msgpack }) await client.EmitAsync("join", new { room });

        await ws.EmitAsync("say", new { room, text = "from ws", n = 1, nested = new { ok = true } });
        var atSignalR = await signalr.NextEventAsync("say", Text("from ws"));
        var atMsgPack = await msgpack.NextEventAsync("say", Text("from ws"));
        Assert.Equal(1, atSignalR[0].GetProperty("n").GetInt32());
        Assert.True(atMsgPack[0].GetProperty("nested").GetProperty("ok").GetBoolean());

        await msgpack.EmitAsync("say", new { room, text = "from msgpack" });
        var atWs = await ws.NextEventAsync("say", Text("from msgpack"));
        Assert.Equal("mp-user", atWs[0].GetProperty("from").GetProperty("user").GetString());
        await signalr.NextEventAsync("say", Text("from msgpack"));
    }

    [Fact]
    public async Task Push_to_a_user_reaches_both_devices_on_two_transports()
    {
        var user = "two-devices-" + Guid.NewGuid().ToString("N")[..6];
        await using var phone = await ChatTransports.ConnectAsync(Server, ChatTransports.SignalRJson, "/chat", user: user, events: "dm");
        await using var laptop = await ChatTransports.ConnectAsync(Server, ChatTransports.WebSocket, "/chat", user: user, events: "dm");
        await using var friend = await ChatTransports.ConnectAsync(Server, ChatTransports.WebSocket, "/chat", user: "friend", events: "dm");

        var ack = await friend.EmitWithAckAsync("dm", new { to = user, text = "hello both" });
        Assert.Equal("user", ack[0].GetProperty("to").GetString());
        await phone.NextEventAsync("dm", Text("hello both"));
        await laptop.NextEventAsync("dm", Text("hello both"));
        Assert.True(await friend.ReceivesNoneAsync("dm", TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Server_push_over_http_reaches_a_user_on_every_transport()
    {
        await using var server = await ActorChatServer.StartAsync(new Dictionary<string, string> { ["ActorChat:Api:Key"] = "s3cret" });
        await using var a = await ChatTransports.ConnectAsync(server, ChatTransports.WebSocket, "/chat", user: "pushed", events: "alert");
        await using var b = await ChatTransports.ConnectAsync(server, ChatTransports.SignalRMessagePack, "/chat", user: "pushed", events: "alert");
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Add("X-Api-Key", "s3cret");

        var response = await http.PostAsJsonAsync("api/namespaces/chat/events", new { @event = "alert", args = new object[] { new { text = "over http" } }, to = new { user = "pushed" } });
        Assert.Equal(202, (int)response.StatusCode);
        await a.NextEventAsync("alert", Text("over http"));
        await b.NextEventAsync("alert", Text("over http"));
    }
}
