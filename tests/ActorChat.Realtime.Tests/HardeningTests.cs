using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorChat.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace ActorChat.Realtime.Tests;

public sealed class HardeningServerFixture : IAsyncLifetime
{
    public const string ApiKey = "hardening-key";

    public ActorChatServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await GuardedNamespace.StartServerAsync(new Dictionary<string, string>
    {
        ["ActorChat:Api:Key"] = ApiKey,
        ["ActorChat:Limits:RoomsPerConnection"] = "5",
        ["ActorChat:Limits:ConnectionsPerUser"] = "3",
        ["ActorChat:Limits:EventsPerSecond"] = "20",
        ["ActorChat:Limits:EventBurst"] = "20",
        ["ActorChat:Limits:RefusedEventsBeforeDisconnect"] = "100",
        ["ActorChat:SocketIO:MaxSessionsPerAddress"] = "20",
    });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// The probe's findings, each reproduced: lone surrogates, hook names as events, null arguments, the
/// misplaced push target, and the limits on rooms, events, connections and Engine.IO sessions.
/// </summary>
public sealed class HardeningTests(HardeningServerFixture fixture) : IClassFixture<HardeningServerFixture>
{
    private ActorChatServer Server => fixture.Server;

    private static string NewRoom() => "r-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_lone_surrogate_in_a_raw_WebSocket_event_name_gets_an_error_and_the_connection_and_others_are_unharmed()
    {
        var room = NewRoom();
        await using var bystander = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        await bystander.EmitWithAckAsync("join", new { room });
        await using var client = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        await client.EmitWithAckAsync("join", new { room });

        await client.SendRawAsync("{\"event\":\"\\ud800\",\"ack\":1}");
        await client.SendRawAsync("{\"event\":\"chat\",\"args\":[{\"room\":\"" + room + "\",\"text\":\"\\udc00 lone\"}],\"ack\":2}");
        Assert.Equal("bad_frame", (await client.NextEventAsync("error"))[0].GetProperty("code").GetString());
        Assert.Equal("bad_frame", (await client.NextEventAsync("error"))[0].GetProperty("code").GetString());

        var ack = await client.EmitWithAckAsync("chat", new { room, text = "still here" });
        Assert.True(ack[0].GetProperty("ok").GetBoolean());
        Assert.Equal("still here", (await bystander.NextEventAsync("chat"))[0].GetProperty("text").GetString());
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_Socket_IO_event_closes_that_session_with_a_close_frame_and_it_goes_offline()
    {
        const string user = "surrogate-ws";
        using var socket = await SocketIOFrames.OpenAsync(Server);
        await SocketIOFrames.SendAsync(socket, "40/chat,");
        Assert.StartsWith("40/chat,", await SocketIOFrames.NextAsync(socket));
        await SocketIOFrames.SendAsync(socket, "42/chat,[\"\\ud800\"]");
        Assert.Equal("CLOSED", await SocketIOFrames.NextAsync(socket));
        Assert.NotEqual(WebSocketCloseStatus.Empty, socket.CloseStatus);

        using var polling = new HttpClient { BaseAddress = Server.BaseUri };
        var open = await polling.GetStringAsync($"socket.io/?EIO=4&transport=polling&user={user}");
        var sid = JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString();
        await polling.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("40/chat,"));
        await polling.GetStringAsync($"socket.io/?EIO=4&transport=polling&sid={sid}");
        await PresenceTests.Eventually(async () => await Online(user));

        var response = await polling.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("42/chat,[\"\\ud800\"]"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
        // Gone from presence at once, not after the 45 to 60 s of a ping timeout.
        await PresenceTests.Eventually(async () => !await Online(user));
    }

    [Theory]
    [InlineData("connecting")]
    [InlineData("connect")]
    [InlineData("joining")]
    [InlineData("any")]
    [InlineData("disconnect")]
    public async Task A_hook_name_is_reserved_and_never_reaches_the_hook(string name)
    {
        await using var client = await EnvelopeClient.ConnectAsync(Server.Ws($"ws/guarded?user=hooked-{name}"));
        await client.SendRawAsync($"{{\"event\":\"{name}\",\"ack\":1}}");
        var error = await client.NextEventAsync("error");
        Assert.Equal("reserved_event", error[0].GetProperty("code").GetString());
        Assert.True(await client.ReceivesNoneAsync("welcome", TimeSpan.FromMilliseconds(100)));
        await Assert.ThrowsAsync<TimeoutException>(() => client.NextFrameAsync(f => f.TryGetProperty("ack", out _), TimeSpan.FromMilliseconds(300)));
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("[5]")]
    [InlineData("[\"room1\"]")]
    [InlineData("[{\"room\":5}]")]
    [InlineData("[[]]")]
    public async Task Null_or_wrongly_typed_join_arguments_are_bad_arguments(string args)
    {
        await using var client = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        await client.SendRawAsync($"{{\"event\":\"join\",\"args\":{args},\"ack\":1}}");
        var error = await client.NextEventAsync("error");
        Assert.Equal("bad_argument", error[0].GetProperty("code").GetString());
        Assert.Equal(1, error[0].GetProperty("argument").GetInt32());
    }

    [Fact]
    public async Task A_connection_may_be_in_only_so_many_rooms()
    {
        await using var client = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        for (var i = 0; i < 5; i++) await client.EmitWithAckAsync("join", new { room = NewRoom() });
        var room = NewRoom();
        await client.EmitAndWaitHandledAsync("join", new { room });
        var error = await client.NextEventAsync("error");
        Assert.Equal("too_many_rooms", error[0].GetProperty("code").GetString());
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var members = JsonDocument.Parse(await http.GetStringAsync($"api/namespaces/chat/rooms/{room}/members")).RootElement;
        Assert.Equal(0, members.GetProperty("connections").GetInt32());
    }

    [Fact]
    public async Task Events_over_the_budget_get_rate_limited_and_a_sustained_flood_closes_the_connection()
    {
        await using var bystander = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        await using var flooder = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        for (var i = 0; i < 60; i++) await flooder.SendRawAsync("{\"event\":\"message\",\"args\":[\"x\"]}");
        var limited = await flooder.NextEventAsync("error", args => args[0].GetProperty("code").GetString() == "rate_limited");
        Assert.Contains("at most 20 a second", limited[0].GetProperty("message").GetString());

        for (var i = 0; i < 300 && flooder.State == WebSocketState.Open; i++)
        {
            try { await flooder.SendRawAsync("{\"event\":\"message\",\"args\":[\"x\"]}"); }
            catch (WebSocketException) { break; }
        }
        await flooder.WaitClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, flooder.CloseStatus);
        Assert.Equal("The connection sent events far faster than allowed and was closed.", flooder.CloseDescription);

        var ack = await bystander.EmitWithAckAsync("presence", new { room = NewRoom() });
        Assert.Equal(0, ack[0].GetProperty("connections").GetInt32());
    }

    [Fact]
    public async Task A_sustained_flood_on_SignalR_gets_rate_limited_then_the_connection_is_closed_with_the_reason()
    {
        await using var flooder = await SignalRTestClient.ConnectAsync(Server, "/chat");
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        flooder.Connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };

        for (var i = 0; i < 60; i++) await flooder.Connection.SendAsync("Emit", "message", new object?[] { "x" });
        var limited = await flooder.NextEventAsync("error", args => args[0].GetProperty("code").GetString() == "rate_limited");
        Assert.Contains("at most 20 a second", limited[0].GetProperty("message").GetString());

        // Far faster than 20 a second, until the server has had enough (100 refusals in a row) and closes.
        for (var i = 0; i < 5000 && !closed.Task.IsCompleted; i++)
        {
            try { await flooder.Connection.SendAsync("Emit", "message", new object?[] { "x" }); }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { break; }
        }
        var why = await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("The connection sent events far faster than allowed and was closed.", why?.Message);
        Assert.Equal(HubConnectionState.Disconnected, flooder.Connection.State);
    }

    [Fact]
    public async Task A_user_may_have_only_so_many_connections_across_the_cluster()
    {
        var user = "many-" + Guid.NewGuid().ToString("N")[..8];
        var open = new List<EnvelopeClient>();
        try
        {
            for (var i = 0; i < 3; i++) open.Add(await EnvelopeClient.ConnectAsync(Server.Ws($"ws/chat?user={user}")));
            var (status, body) = await UpgradeProbe.RefusalAsync(Server.Ws($"ws/chat?user={user}"));
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            Assert.Equal("too_many_connections", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            await PresenceTests.Eventually(async () => (await UpgradeProbe.TryAsync(Server.Ws($"ws/chat?user={user}"))).Status == HttpStatusCode.SwitchingProtocols);
        }
        finally
        {
            foreach (var client in open) await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_user_at_the_connection_limit_keeps_using_long_polling_SignalR_connections_and_the_next_is_refused()
    {
        var user = "poll-" + Guid.NewGuid().ToString("N")[..8];
        var url = Server.Http($"hubs/chat?namespace=%2Fchat&user={user}");
        var connections = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var connection = new HubConnectionBuilder().WithUrl(url, HttpTransportType.LongPolling).Build();
                await connection.StartAsync();
                connections.Add(connection);
            }
            // Every poll of an established connection passes the gate, though the user is at the limit.
            foreach (var connection in connections)
                Assert.NotEmpty(await connection.InvokeAsync<object?[]>("EmitWithAck", "presence", new object?[] { new Dictionary<string, object?> { ["user"] = user } }));
            var fourth = new HubConnectionBuilder().WithUrl(url, HttpTransportType.LongPolling).Build();
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => fourth.StartAsync());
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            await fourth.DisposeAsync();
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task One_address_may_hold_only_so_many_Engine_IO_sessions()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var sids = new List<string>();
        HttpResponseMessage response;
        while (true)
        {
            response = await http.GetAsync("socket.io/?EIO=4&transport=polling");
            if (response.StatusCode != HttpStatusCode.OK) break;
            sids.Add(JsonDocument.Parse((await response.Content.ReadAsStringAsync())[1..]).RootElement.GetProperty("sid").GetString()!);
            Assert.True(sids.Count <= 20, "More sessions than MaxSessionsPerAddress were opened.");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("Too many sessions from this address", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());

        // Closed sessions give their places back.
        foreach (var sid in sids) await http.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("1"));
        await PresenceTests.Eventually(async () => (await http.GetAsync("socket.io/?EIO=4&transport=polling")).StatusCode == HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{\"event\":\"x\",\"room\":\"r\"}", "\"room\"")]
    [InlineData("{\"event\":\"x\",\"to\":{\"rooom\":\"r\"}}", "\"rooom\"")]
    [InlineData("{\"event\":\"x\",\"args\":[],\"target\":{},\"extra\":1}", "\"target\", \"extra\"")]
    public async Task A_push_with_an_unknown_field_is_refused_naming_it(string body, string named)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/namespaces/chat/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", HardeningServerFixture.ApiKey);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_push_with_a_lone_surrogate_is_refused()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/namespaces/chat/events")
        {
            Content = new StringContent("{\"event\":\"x\",\"args\":[\"\\ud800\"]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", HardeningServerFixture.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(request)).StatusCode);
    }

    private async Task<bool> Online(string user)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        return JsonDocument.Parse(await http.GetStringAsync($"api/users/{user}")).RootElement.GetProperty("online").GetBoolean();
    }
}
