using System.Net;
using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.Testing;
using ActorChat.WebFront.Realtime;
using Orleans;
using Orleans.Runtime;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;

namespace ActorChat.Realtime.Tests;

public sealed class HistoryServerFixture : ServerFixture
{
    public const string Key = "history-key";
    public const int HistoryLength = 5;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorChat:Api:Key"] = Key,
        ["ActorChat:Recovery:HistoryLength"] = HistoryLength.ToString(),
    };
}

/// <summary>
/// Room history: every room message gets the room's next offset, raw WebSocket frames carry it, members read
/// what they missed with the <c>history</c> event, the API key holder with <c>GET …/messages</c>; the history
/// keeps <c>HistoryLength</c> messages, and a room that lost it says so with a new epoch.
/// </summary>
public sealed class RoomHistoryTests(HistoryServerFixture fixture) : IClassFixture<HistoryServerFixture>
{
    private ActorChatServer Server => fixture.Server;

    [Fact]
    public async Task Room_messages_carry_the_room_and_consecutive_offsets_presence_and_direct_messages_do_not()
    {
        var room = NewRoom();
        await using var alice = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=alice"));
        await using var bob = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=bob"));
        await alice.EmitWithAckAsync("join", new { room });
        await bob.EmitWithAckAsync("join", new { room });
        await alice.NextEventAsync("message", a => a[0].GetString() == "bob has entered the room.");

        for (var i = 1; i <= 3; i++) await alice.EmitWithAckAsync("chat", new { room, text = $"m{i}" });
        await bob.EmitWithAckAsync("chat", new { to = "alice", text = "direct" });

        var frames = new List<JsonElement>();
        for (var i = 1; i <= 3; i++)
            frames.Add(await bob.NextFrameAsync(f => f.TryGetProperty("event", out var e) && e.GetString() == "chat"));
        var offsets = frames.Select(f => f.GetProperty("offset").GetInt64()).ToArray();
        Assert.All(frames, f => Assert.Equal(room, f.GetProperty("room").GetString()));
        Assert.Equal([offsets[0], offsets[0] + 1, offsets[0] + 2], offsets);
        Assert.Equal(["m1", "m2", "m3"], frames.Select(f => f.GetProperty("args")[0].GetProperty("text").GetString()));

        var presence = await bob.NextFrameAsync(f => f.TryGetProperty("event", out var e) && e.GetString() == "presence");
        Assert.False(presence.TryGetProperty("offset", out _), "presence is state, not a numbered message");
        var direct = await alice.NextFrameAsync(f => f.TryGetProperty("event", out var e) && e.GetString() == "chat" && !f.TryGetProperty("room", out _));
        Assert.False(direct.TryGetProperty("offset", out _));
    }

    [Fact]
    public async Task A_member_reads_what_came_after_an_offset_in_order_with_the_sender()
    {
        var room = NewRoom();
        await using var alice = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=alice"));
        await alice.EmitWithAckAsync("join", new { room });
        var entered = await alice.NextFrameAsync(f => f.TryGetProperty("event", out var e) && e.GetString() == "message");
        var first = entered.GetProperty("offset").GetInt64();
        await alice.EmitWithAckAsync("chat", new { room, text = "one", includeSelf = true });
        await alice.EmitWithAckAsync("chat", new { room, text = "two", includeSelf = true });

        var history = (await alice.EmitWithAckAsync("history", new { room, after = first }))[0];
        var epoch = history.GetProperty("epoch").GetString();
        Assert.False(string.IsNullOrEmpty(epoch));
        Assert.Equal(first + 2, history.GetProperty("offset").GetInt64());
        var messages = history.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal([first + 1, first + 2], messages.Select(m => m.GetProperty("offset").GetInt64()));
        Assert.Equal(["one", "two"], messages.Select(m => m.GetProperty("args")[0].GetProperty("text").GetString()));
        Assert.All(messages, m => Assert.Equal("chat", m.GetProperty("event").GetString()));
        Assert.All(messages, m => Assert.Equal("alice", m.GetProperty("from").GetString()));

        var latest = (await alice.EmitWithAckAsync("history", new { room, limit = 1 }))[0];
        Assert.Equal([first + 2], latest.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("offset").GetInt64()));
        Assert.Equal(epoch, latest.GetProperty("epoch").GetString());
    }

    [Fact]
    public async Task A_non_member_gets_an_error_and_no_messages_and_its_connection_stays_usable()
    {
        var room = NewRoom();
        await using var alice = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=alice"));
        await alice.EmitWithAckAsync("join", new { room });
        await alice.EmitWithAckAsync("chat", new { room, text = "secret" });

        await using var eve = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=eve"));
        await eve.EmitAndWaitHandledAsync("history", new { room });
        var error = (await eve.NextEventAsync("error"))[0];
        Assert.Equal("forbidden", error.GetProperty("code").GetString());
        Assert.DoesNotContain("secret", string.Join("", eve.Received.Select(f => f.GetRawText())));

        await eve.EmitAndWaitHandledAsync("history", new { room, after = -1 });
        await eve.EmitWithAckAsync("join", new { room });
        await eve.EmitAndWaitHandledAsync("history", new { room, after = -1 });
        Assert.Equal("bad_argument", (await eve.NextEventAsync("error", a => a[0].GetProperty("code").GetString() == "bad_argument"))[0].GetProperty("code").GetString());
        var history = (await eve.EmitWithAckAsync("history", new { room }))[0];
        Assert.Contains("secret", history.GetRawText());
    }

    [Fact]
    public async Task The_history_keeps_the_last_HistoryLength_messages_a_gap_shows_as_a_first_offset_past_the_one_asked_for()
    {
        var room = NewRoom();
        await using var alice = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=alice"));
        await alice.EmitWithAckAsync("join", new { room });
        for (var i = 1; i <= 8; i++) await alice.EmitWithAckAsync("chat", new { room, text = $"m{i}" });

        var history = (await alice.EmitWithAckAsync("history", new { room, after = 0 }))[0];
        var messages = history.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(HistoryServerFixture.HistoryLength, messages.Length);
        // The join announcement was offset 1: nine messages in all, the last five kept.
        Assert.Equal([5L, 6, 7, 8, 9], messages.Select(m => m.GetProperty("offset").GetInt64()));
        Assert.Equal(9, history.GetProperty("offset").GetInt64());
    }

    [Fact]
    public async Task The_http_api_reads_history_with_the_key_and_checks_its_arguments()
    {
        var room = NewRoom();
        await using var alice = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=alice"));
        await alice.EmitWithAckAsync("join", new { room });
        await alice.EmitWithAckAsync("chat", new { room, text = "hello" });
        await Post($"api/namespaces/chat/events", new { @event = "news", args = new[] { "from the server" }, to = new { room } });

        var response = await Get($"api/namespaces/chat/rooms/{room}/messages?after=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var messages = body.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal([2L, 3], messages.Select(m => m.GetProperty("offset").GetInt64()));
        Assert.Equal("alice", messages[0].GetProperty("from").GetString());
        Assert.Equal(JsonValueKind.Null, messages[1].GetProperty("from").ValueKind);
        Assert.Equal("from the server", messages[1].GetProperty("args")[0].GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await Get($"api/namespaces/chat/rooms/{room}/messages?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get($"api/namespaces/chat/rooms/{room}/messages?after=-3")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get($"api/namespaces/chat/rooms/{room}/messages?after=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Get($"api/namespaces/nowhere/rooms/{room}/messages")).StatusCode);
    }

    [Fact]
    public async Task A_room_that_lost_its_history_has_a_new_epoch_and_starts_again_at_offset_one()
    {
        var room = NewRoom();
        await using (var alice = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=alice")))
        {
            await alice.EmitWithAckAsync("join", new { room });
            await alice.EmitWithAckAsync("chat", new { room, text = "before" });
            await alice.EmitWithAckAsync("leave", new { room });
        }
        var before = await ReadHistory(room);
        Assert.Equal(3, before.GetProperty("offset").GetInt64());

        // The room is empty: collecting it loses its history, as a silo's death would.
        var management = Server.Get<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var after = before;
        for (var attempt = 0; attempt < 20 && after.GetProperty("epoch").GetString() == before.GetProperty("epoch").GetString(); attempt++)
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            await Task.Delay(250);
            after = await ReadHistory(room);
        }
        Assert.NotEqual(before.GetProperty("epoch").GetString(), after.GetProperty("epoch").GetString());
        Assert.Equal(0, after.GetProperty("offset").GetInt64());
        Assert.Empty(after.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task A_broadcast_tried_again_with_the_same_emit_id_is_kept_and_delivered_once_and_a_reused_event_reaches_every_room()
    {
        var (first, second) = (NewRoom(), NewRoom());
        await using var alice = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat?user=alice"));
        foreach (var room in new[] { first, second }) await alice.EmitWithAckAsync("join", new { room });
        var joined = (await ReadHistory(first)).GetProperty("offset").GetInt64();

        // What a front does when the cluster failed a broadcast it may have half done: the same emit again.
        var roomGrain = Server.Get<IGrainFactory>().GetGrain<IRoomGrain>(RoomKey.Of("/chat", first));
        var retried = EventPayload.Create("chat", [new { text = "once" }]);
        await roomGrain.Broadcast(retried, exceptSid: null);
        await roomGrain.Broadcast(retried, exceptSid: null);
        await roomGrain.Broadcast(EventPayload.Create("chat", [new { text = "next" }]), exceptSid: null);

        var frames = new[] { await alice.NextFrameAsync(IsChat), await alice.NextFrameAsync(IsChat) };
        Assert.Equal(["once", "next"], frames.Select(f => f.GetProperty("args")[0].GetProperty("text").GetString()));
        Assert.Equal([joined + 1, joined + 2], frames.Select(f => f.GetProperty("offset").GetInt64()));
        var history = await ReadHistory(first);
        Assert.Equal(joined + 2, history.GetProperty("offset").GetInt64());

        // Server code that emits one event object to two rooms: each emit is its own, so a member of both hears it twice.
        var shared = EventPayload.Create("chat", [new { text = "to both" }]);
        var server = Server.Get<IRealtimeServer>();
        await server.EmitAsync("/chat", EmitTarget.Room(first), shared);
        await server.EmitAsync("/chat", EmitTarget.Room(second), shared);
        var rooms = new[] { await alice.NextFrameAsync(IsChat), await alice.NextFrameAsync(IsChat) }.Select(f => f.GetProperty("room").GetString());
        Assert.Equal(new[] { first, second }.Order(), rooms.Order());

        static bool IsChat(JsonElement frame) => frame.TryGetProperty("event", out var e) && e.GetString() == "chat";
    }

    private async Task<JsonElement> ReadHistory(string room)
    {
        var response = await Get($"api/namespaces/chat/rooms/{room}/messages?after=0");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<HttpResponseMessage> Get(string path)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, Server.Http(path));
        request.Headers.Add("X-Api-Key", HistoryServerFixture.Key);
        return await http.SendAsync(request);
    }

    private async Task Post(string path, object body)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, Server.Http(path)) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", HistoryServerFixture.Key);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(request)).StatusCode);
    }
}

public sealed class ShortHistoryWindowFixture : ServerFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["ActorChat:Recovery:HistoryWindow"] = "00:00:01" };
}

/// <summary>Messages older than <c>HistoryWindow</c> leave the history; the room's offsets go on.</summary>
public sealed class HistoryWindowTests(ShortHistoryWindowFixture fixture) : IClassFixture<ShortHistoryWindowFixture>
{
    [Fact]
    public async Task Messages_older_than_the_window_are_gone_and_the_offset_still_counts_them()
    {
        var room = NewRoom();
        await using var alice = await EnvelopeClient.ConnectAsync(fixture.Server.Ws("ws/chat?user=alice"));
        await alice.EmitWithAckAsync("join", new { room });
        await alice.EmitWithAckAsync("chat", new { room, text = "old" });
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await alice.EmitWithAckAsync("chat", new { room, text = "new" });

        var history = (await alice.EmitWithAckAsync("history", new { room, after = 0 }))[0];
        Assert.Equal(3, history.GetProperty("offset").GetInt64());
        Assert.Equal([3L], history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("offset").GetInt64()));
    }
}
