using System.Net.Http.Json;
using System.Text.Json;
using ActorChat.Testing;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;

namespace ActorChat.Realtime.Tests;

/// <summary>A user is online while one connection is open anywhere; rooms know who is in them.</summary>
public sealed class PresenceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ActorChatServer Server => fixture.Server;
    private HttpClient Http { get; } = new() { BaseAddress = fixture.Server.BaseUri };

    [Fact]
    public async Task A_user_is_online_while_any_connection_is_open()
    {
        var user = "presence-" + Guid.NewGuid().ToString("N")[..6];
        Assert.False((await GetUser(user)).GetProperty("online").GetBoolean());

        var first = await ChatTransports.ConnectAsync(Server, ChatTransports.WebSocket, "/chat", user: user);
        var second = await ChatTransports.ConnectAsync(Server, ChatTransports.SignalRJson, "/", user: user);
        var online = await GetUser(user);
        Assert.True(online.GetProperty("online").GetBoolean());
        Assert.Equal(
            new[] { first.Sid, second.Sid }.Order(),
            online.GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("sid").GetString()).Order());

        await first.DisposeAsync();
        await Eventually(async () => (await GetUser(user)).GetProperty("connections").GetArrayLength() == 1);
        Assert.True((await GetUser(user)).GetProperty("online").GetBoolean());

        await second.DisposeAsync();
        await Eventually(async () => !(await GetUser(user)).GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task Join_leave_and_disconnect_are_announced_as_presence_and_readable()
    {
        var room = NewRoom();
        await using var watcher = await ChatTransports.ConnectAsync(Server, ChatTransports.WebSocket, "/chat", user: "watcher");
        await watcher.EmitAsync("join", new { room });
        await watcher.NextEventAsync("presence", Presence("watcher", "joined"));
        var alice1 = await ChatTransports.ConnectAsync(Server, ChatTransports.SignalRJson, "/chat", user: "alice");
        var alice2 = await ChatTransports.ConnectAsync(Server, ChatTransports.WebSocket, "/chat", user: "alice");

        await alice1.EmitAsync("join", new { room });
        await watcher.NextEventAsync("presence", Presence("alice", "joined"));
        await alice2.EmitAsync("join", new { room });

        var asked = await watcher.EmitWithAckAsync("presence", new { room });
        Assert.Equal(3, asked[0].GetProperty("connections").GetInt32());
        var users = asked[0].GetProperty("users").EnumerateArray().ToDictionary(u => u.GetProperty("user").GetString()!, u => u.GetProperty("connections").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["alice"] = 2, ["watcher"] = 1 }, users);

        var members = await Http.GetFromJsonAsync<JsonElement>($"api/namespaces/chat/rooms/{room}/members");
        Assert.Equal(asked[0].GetProperty("users").GetRawText(), members.GetProperty("users").GetRawText());

        // Alice's second device leaving does not make her leave; her last one disconnecting does.
        await alice2.EmitAsync("leave", new { room });
        Assert.True(await watcher.ReceivesNoneAsync("presence", TimeSpan.FromMilliseconds(300)));
        await alice1.DisposeAsync();
        await watcher.NextEventAsync("presence", Presence("alice", "left"));
        await Eventually(async () => (await Http.GetFromJsonAsync<JsonElement>($"api/namespaces/%2Fchat/rooms/{room}/members")).GetProperty("connections").GetInt32() == 1);
        await alice2.DisposeAsync();
    }

    [Fact]
    public async Task Presence_of_a_user_can_be_asked_over_the_socket()
    {
        await using var asker = await ChatTransports.ConnectAsync(Server, ChatTransports.WebSocket, "/chat");
        await using var bob = await ChatTransports.ConnectAsync(Server, ChatTransports.SignalRJson, "/chat", user: "bob-p");
        var answer = await asker.EmitWithAckAsync("presence", new { user = "bob-p" });
        Assert.True(answer[0].GetProperty("online").GetBoolean());
        Assert.Equal("signalr", answer[0].GetProperty("connections")[0].GetProperty("transport").GetString());
    }

    private async Task<JsonElement> GetUser(string user) => await Http.GetFromJsonAsync<JsonElement>($"api/users/{user}");

    private static Func<JsonElement[], bool> Presence(string user, string status) =>
        args => args[0].GetProperty("user").GetString() == user && args[0].GetProperty("status").GetString() == status;

    internal static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + EnvelopeClient.DefaultTimeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(50);
        }
    }
}
