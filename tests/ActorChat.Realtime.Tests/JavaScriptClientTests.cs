using System.Text.Json;
using ActorChat.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;

namespace ActorChat.Realtime.Tests;

/// <summary>The JavaScript clients our users run, unchanged: @microsoft/signalr and ws, each in a room with a .NET client.</summary>
public sealed class JavaScriptClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ActorChatServer Server => fixture.Server;

    [Fact]
    public async Task The_JavaScript_SignalR_client_emits_joins_and_hears_a_raw_WebSocket_member()
    {
        var room = NewRoom();
        await using var dotnet = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=dotnet"));
        await dotnet.EmitWithAckAsync("join", new { room });
        await using var js = NodeClient.Start("signalr-roundtrip.mjs", Server.BaseUri.ToString().TrimEnd('/'), room);
        await js.NextLineAsync();

        await dotnet.EmitWithAckAsync("say", new { room, text = "hello from dotnet" });
        var seen = await js.NextLineAsync();
        Assert.Equal("js-signalr", seen.GetProperty("hello").GetProperty("user").GetString());
        Assert.Equal(["msg1", "msg2", "msg3"], seen.GetProperty("three").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(room, seen.GetProperty("joinAck")[0].GetProperty("room").GetString());
        Assert.Equal("hello from dotnet", seen.GetProperty("fromOther").GetProperty("text").GetString());
        Assert.True(seen.GetProperty("relayAck")[0].GetProperty("ok").GetBoolean());
        var relayed = await dotnet.NextEventAsync("say", Text("hello from js signalr"));
        Assert.Equal("js-signalr", relayed[0].GetProperty("from").GetProperty("user").GetString());
        Assert.Equal(0, await js.WaitForExitAsync());
    }

    [Fact]
    public async Task The_ws_package_echoes_on_test_and_chats_over_the_envelope_with_a_SignalR_member()
    {
        var room = NewRoom();
        await using var dotnet = await SignalRTestClient.ConnectAsync(Server, "/chat", "dotnet-sr", arities: new Dictionary<string, int> { ["say"] = 1 });
        await dotnet.Connection.InvokeAsync<object?[]>("EmitWithAck", "join", new object?[] { new Dictionary<string, object?> { ["room"] = room } });
        await using var js = NodeClient.Start("ws-roundtrip.mjs", Server.Ws("").ToString().TrimEnd('/'), room);
        await js.NextLineAsync();

        await dotnet.Connection.InvokeAsync("Emit", "say", new object?[] { new Dictionary<string, object?> { ["room"] = room, ["text"] = "hello from signalr" } });
        var seen = await js.NextLineAsync();
        Assert.Equal("receivedmessage", seen.GetProperty("echoed").GetString());
        Assert.Equal("chat", seen.GetProperty("protocol").GetString());
        Assert.Equal("js-ws", seen.GetProperty("hello").GetProperty("args")[0].GetProperty("user").GetString());
        Assert.Equal(2, seen.GetProperty("joinAck").GetProperty("args")[0].GetProperty("members").GetInt32());
        Assert.Equal("hello from signalr", seen.GetProperty("fromOther").GetProperty("args")[0].GetProperty("text").GetString());
        Assert.Equal(2, seen.GetProperty("relayAck").GetProperty("ack").GetInt32());
        var relayed = await dotnet.NextEventAsync("say", args => args[0].GetProperty("text").GetString() == "hello from js ws");
        Assert.Equal("js-ws", relayed[0].GetProperty("from").GetProperty("user").GetString());
        Assert.Equal(0, await js.WaitForExitAsync());
    }
}
