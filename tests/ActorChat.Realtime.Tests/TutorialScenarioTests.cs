using System.Text.Json;
using ActorChat.Testing;
using Xunit;

namespace ActorChat.Realtime.Tests;

/// <summary>The Flask-SocketIO tutorial's scenarios (all that does not need the Socket.IO wire), replayed over every transport.</summary>
public sealed class TutorialScenarioTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ActorChatServer Server => fixture.Server;

    public static TheoryData<string> Transports => new(ChatTransports.All);

    [Theory, MemberData(nameof(Transports))]
    public async Task Connect_tells_the_client_its_sid_and_user(string transport)
    {
        await using var client = await ChatTransports.ConnectAsync(Server, transport, "/chat", user: "li");
        Assert.Equal("li", client.User);
        Assert.Matches(@"^[0-9a-f]{8}\.[A-Za-z0-9_-]{16}$", client.Sid);
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task A_user_less_connection_gets_a_guest_id(string transport)
    {
        await using var client = await ChatTransports.ConnectAsync(Server, transport, "/");
        Assert.StartsWith("guest-", client.User);
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task Send_string_is_answered_received_message(string transport)
    {
        await using var client = await ChatTransports.ConnectAsync(Server, transport, "/chat");
        await client.SendAsync("message");
        var reply = await client.NextEventAsync("message");
        Assert.Equal("received message.", reply.Single().GetString());
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task Send_object_is_handled_as_json(string transport)
    {
        await using var client = await ChatTransports.ConnectAsync(Server, transport, "/chat");
        await client.SendAsync(new { message = 123 });
        var reply = await client.NextEventAsync("message");
        Assert.Equal("received json.", reply.Single().GetString());
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task Emit_my_event_with_one_argument_is_answered_received_data(string transport)
    {
        await using var client = await ChatTransports.ConnectAsync(Server, transport, "/");
        await client.EmitAsync("my event", "message");
        var reply = await client.NextEventAsync("my event");
        Assert.Equal("received data.", reply.Single().GetString());
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task Emit_my_event_with_three_arguments_is_answered_with_three(string transport)
    {
        await using var client = await ChatTransports.ConnectAsync(Server, transport, "/chat", arities: new Dictionary<string, int> { ["my event"] = 3 });
        await client.EmitAsync("my event", "msg1", "msg2", "msg3");
        var reply = await client.NextEventAsync("my event");
        Assert.Equal(["msg1", "msg2", "msg3"], reply.Select(a => a.GetString()));
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task Join_and_leave_are_announced_to_the_room(string transport)
    {
        await using var user1 = await ChatTransports.ConnectAsync(Server, transport, "/chat", user: "user1");
        await using var user2 = await ChatTransports.ConnectAsync(Server, transport, "/chat", user: "user2");
        var room = NewRoom();

        await user2.EmitAsync("join", new { username = "user2", room });
        await user2.NextEventAsync("message", Says("user2 has entered the room."));
        var joinAck = await user1.EmitWithAckAsync("join", new { username = "user1", room });
        Assert.Equal(2, joinAck[0].GetProperty("members").GetInt32());

        await user1.NextEventAsync("message", Says("user1 has entered the room."));
        await user2.NextEventAsync("message", Says("user1 has entered the room."));

        var leaveAck = await user1.EmitWithAckAsync("leave", new { username = "user1", room });
        Assert.Equal(1, leaveAck[0].GetProperty("members").GetInt32());
        await user2.NextEventAsync("message", Says("user1 has left the room."));
        // The leaver is out of the room before the notice goes out, as in the tutorial.
        Assert.True(await user1.ReceivesNoneAsync("message", TimeSpan.FromMilliseconds(300)));
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task A_client_in_two_rooms_hears_both_and_others_hear_only_their_own(string transport)
    {
        await using var both = await ChatTransports.ConnectAsync(Server, transport, "/chat", user: "both", events: "chat message");
        await using var onlyA = await ChatTransports.ConnectAsync(Server, transport, "/chat", user: "onlyA", events: "chat message");
        await using var onlyB = await ChatTransports.ConnectAsync(Server, transport, "/chat", user: "onlyB");
        var (roomA, roomB) = (NewRoom(), NewRoom());
        await both.EmitAsync("join", new { room = roomA });
        await both.EmitAsync("join", new { room = roomB });
        await onlyA.EmitAsync("join", new { room = roomA });
        await onlyB.EmitAsync("join", new { room = roomB });

        await onlyA.EmitAsync("chat message", new { room = roomA, text = "to A" });
        await onlyB.EmitAsync("chat message", new { room = roomB, text = "to B" });

        var heardA = await both.NextEventAsync("chat message", Text("to A"));
        var heardB = await both.NextEventAsync("chat message", Text("to B"));
        Assert.Equal("onlyA", heardA[0].GetProperty("from").GetProperty("user").GetString());
        Assert.Equal(onlyB.Sid, heardB[0].GetProperty("from").GetProperty("sid").GetString());
        Assert.True(await onlyA.ReceivesNoneAsync("chat message", TimeSpan.FromMilliseconds(300)), "sender excluded, other room not heard");
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task Broadcast_reaches_the_whole_namespace_but_not_other_namespaces(string transport)
    {
        await using var sender = await ChatTransports.ConnectAsync(Server, transport, "/chat", events: "news");
        await using var listener = await ChatTransports.ConnectAsync(Server, transport, "/chat", events: "news");
        await using var elsewhere = await ChatTransports.ConnectAsync(Server, transport, "/", events: "news");
        var text = Guid.NewGuid().ToString();

        var ack = await sender.EmitWithAckAsync("news", new { text, includeSelf = true });
        Assert.Equal("namespace", ack[0].GetProperty("to").GetString());

        await listener.NextEventAsync("news", Text(text));
        await sender.NextEventAsync("news", Text(text));
        Assert.True(await elsewhere.ReceivesNoneAsync("news", TimeSpan.FromMilliseconds(300)));
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task Push_to_one_sid_reaches_only_that_connection(string transport)
    {
        await using var sender = await ChatTransports.ConnectAsync(Server, transport, "/chat");
        await using var target = await ChatTransports.ConnectAsync(Server, transport, "/chat", events: "whisper");
        await using var bystander = await ChatTransports.ConnectAsync(Server, transport, "/chat", events: "whisper");

        await sender.EmitAsync("whisper", new { sid = target.Sid, text = "psst" });
        await target.NextEventAsync("whisper", Text("psst"));
        Assert.True(await bystander.ReceivesNoneAsync("whisper", TimeSpan.FromMilliseconds(300)));
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task The_room_named_by_a_sid_is_that_one_connection(string transport)
    {
        await using var sender = await ChatTransports.ConnectAsync(Server, transport, "/chat", events: "whisper");
        await using var target = await ChatTransports.ConnectAsync(Server, transport, "/chat", events: "whisper");
        await using var bystander = await ChatTransports.ConnectAsync(Server, transport, "/chat", events: "whisper");

        var ack = await sender.EmitWithAckAsync("whisper", new { room = target.Sid, text = "by room" });
        Assert.Equal("room", ack[0].GetProperty("to").GetString());
        await target.NextEventAsync("whisper", Text("by room"));
        Assert.True(await bystander.ReceivesNoneAsync("whisper", TimeSpan.FromMilliseconds(300)));
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task SocketTest_namespace_behaves_like_the_tutorials_TestNamespace(string transport)
    {
        await using var client = await ChatTransports.ConnectAsync(Server, transport, "/socketTest", user: "tester");
        Assert.Equal("class conected!", (await client.NextEventAsync("message")).Single().GetString());

        await client.SendAsync("hello");
        Assert.Equal("received message", (await client.NextEventAsync("message")).Single().GetString());

        await client.EmitAsync("chat", "hi");
        Assert.Equal("received chat", (await client.NextEventAsync("chat")).Single().GetString());

        await using var other = await ChatTransports.ConnectAsync(Server, transport, "/socketTest");
        await other.NextEventAsync("message", Says("class conected!"));
        var room = NewRoom();
        await other.EmitAsync("join", new { room, username = "other" });
        await client.EmitAsync("join", new { room, username = "tester" });
        await other.NextEventAsync("message", Says("tester has entered the room."));
        await client.EmitAsync("leave", new { room, username = "tester" });
        await other.NextEventAsync("message", Says("tester has left the room."));
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task A_handler_given_the_wrong_number_of_arguments_tells_the_sender(string transport)
    {
        await using var client = await ChatTransports.ConnectAsync(Server, transport, "/socketTest");
        await client.EmitAsync("chat", "one", "two");
        var error = (await client.NextEventAsync("error")).Single();
        Assert.Equal("arity_mismatch", error.GetProperty("code").GetString());
        Assert.Equal("chat", error.GetProperty("event").GetString());
        Assert.Equal(1, error.GetProperty("expected").GetInt32());
        Assert.Equal(2, error.GetProperty("received").GetInt32());
        Assert.True(await client.ReceivesNoneAsync("chat", TimeSpan.FromMilliseconds(200)), "nothing else happens");
    }

    internal static string NewRoom() => "room-" + Guid.NewGuid().ToString("N")[..8];

    internal static Func<JsonElement[], bool> Says(string text) => args => args is [{ ValueKind: JsonValueKind.String } s] && s.GetString() == text;

    internal static Func<JsonElement[], bool> Text(string text) =>
        args => args is [{ ValueKind: JsonValueKind.Object } o, ..] && o.TryGetProperty("text", out var t) && t.GetString() == text;
}
