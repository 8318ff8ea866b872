using System.Text.Json;
using ActorChat.Testing;
using SocketIOClient;

namespace ActorChat.SocketIO.Tests;

/// <summary>The core round trips with the .NET SocketIOClient package.</summary>
public sealed class DotNetClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>
    /// Connects and waits for the client's connected event: in SocketIOClient 3.0.6, <c>ConnectAsync</c>
    /// can return before the namespace is connected.
    /// </summary>
    private async Task<SocketIOClient.SocketIO> ConnectAsync(string ns, string? user = null)
    {
        var client = new SocketIOClient.SocketIO(new Uri(fixture.Server.BaseUri, ns.TrimStart('/')), new SocketIOOptions
        {
            Reconnection = false,
            Query = user is null ? null : [new("user", user)],
        });
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnConnected += (_, _) => connected.TrySetResult();
        await client.ConnectAsync();
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(client.Connected);
        return client;
    }

    private static Task<SocketIOResponse> Next(SocketIOClient.SocketIO client, string @event)
    {
        var received = new TaskCompletionSource<SocketIOResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On(@event, response => received.TrySetResult(response));
        return received.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Send_and_emit_round_trip()
    {
        using var client = await ConnectAsync("/chat");
        var message = Next(client, "message");
        await client.EmitAsync("message", "hello");
        Assert.Equal("received message.", (await message).GetValue<string>());

        var myEvent = Next(client, "my event");
        await client.EmitAsync("my event", "msg1", "msg2", "msg3");
        var reply = await myEvent;
        Assert.Equal(["msg1", "msg2", "msg3"], Enumerable.Range(0, 3).Select(i => reply.GetValue<string>(i)));
    }

    [Fact]
    public async Task Emit_with_ack_gets_the_handlers_answer()
    {
        using var client = await ConnectAsync("/chat");
        var answered = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.EmitAsync("join", response => answered.TrySetResult(response.GetValue<JsonElement>()), new { username = "dotnet", room = "dotnet-room" });
        var answer = await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("dotnet-room", answer.GetProperty("room").GetString());
    }

    [Fact]
    public async Task The_class_namespace_answers_chat()
    {
        using var client = await ConnectAsync("/socketTest");
        var chat = Next(client, "chat");
        await client.EmitAsync("chat", "hi");
        Assert.Equal("received chat", (await chat).GetValue<string>());
    }

    [Fact]
    public async Task Room_members_hear_each_other_and_binary_arrives_as_bytes()
    {
        using var a = await ConnectAsync("/chat");
        using var b = await ConnectAsync("/chat");
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bJoined = Next(b, "message");
        await b.EmitAsync("join", _ => joined.TrySetResult(), new { username = "b", room = "dn" });
        await joined.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await bJoined;

        var file = Next(b, "file");
        await a.EmitAsync("file", new { room = "dn" }, new byte[] { 1, 2, 3 });
        var got = await file;
        Assert.Equal(new byte[] { 1, 2, 3 }, got.GetValue<byte[]>(1));
    }
}
