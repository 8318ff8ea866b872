using System.Text.Json;
using ActorChat.Publishing;
using ActorChat.Realtime;
using ActorChat.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace ActorChat.GraphQL.Tests;

/// <summary>
/// GraphQL subscriptions over graphql-transport-ws, with the npm graphql-ws client unchanged: article announcements,
/// room events and presence from every transport, queries and mutations over the same socket.
/// </summary>
public sealed class SubscriptionTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    private GraphQLTestServer Server => fixture.Server;
    private Uri Socket => Server.App.Ws("graphql");

    [Fact]
    public async Task An_added_article_reaches_an_articleAdded_subscriber_once_it_is_stored()
    {
        await using var client = JsonLineClient.GraphQLWs(new Uri(Socket + "?user=added-listener"));
        await client.ConnectedAsync();
        await client.SubscribeAsync("added", "subscription { articleAdded { dbId title year publications { rank } } }");
        await InRoomAsync(PublishingEvents.Namespace, PublishingEvents.ArticlesRoom, "added-listener");

        var added = (await Server.PostAsync("""mutation { addArticle(title: "Live", year: 2026) { dbId } }"""))["data"]!["addArticle"]!;
        var heard = await client.NextResultAsync("added");
        Assert.Equal("""{"data":{"articleAdded":{"dbId":ID,"title":"Live","year":2026,"publications":[]}}}""".Replace("ID", added["dbId"]!.ToJsonString()),
            heard.GetRawText());
    }

    [Fact]
    public async Task ArticleChanged_with_an_id_hears_only_that_article()
    {
        await using var client = JsonLineClient.GraphQLWs(new Uri(Socket + "?user=changed-listener"));
        await client.ConnectedAsync();
        await client.SubscribeAsync("one", "subscription($id: Int) { articleChanged(id: $id) { dbId title } }", new { id = 6 });
        await InRoomAsync(PublishingEvents.Namespace, PublishingEvents.ArticlesRoom, "changed-listener");

        await Server.PostAsync("""mutation { updateArticle(id: 5, year: 2018) { dbId } }""");
        await Server.PostAsync("""mutation { updateArticle(id: 6, year: 2019) { dbId } }""");
        Assert.Equal("""{"data":{"articleChanged":{"dbId":6,"title":"Zhang Ming's essays"}}}""", (await client.NextResultAsync("one")).GetRawText());
    }

    [Fact]
    public async Task RoomEvents_hears_a_socket_io_client_and_a_raw_WebSocket_client_and_they_hear_its_emit()
    {
        const string room = "gql-room-events";
        await using var subscriber = JsonLineClient.GraphQLWs(new Uri(Socket + "?user=graphql-alice"));
        await subscriber.ConnectedAsync();
        await subscriber.SubscribeAsync("room", $$"""subscription { roomEvents(room: "{{room}}") { event args from { user sid } } }""");
        await InRoomAsync("/chat", room, "graphql-alice");

        var (socketIO, socketIOSid) = await JsonLineClient.SocketIOAsync(Server.App.BaseUri, "/chat", "sio-bob");
        await using var _ = socketIO;
        await socketIO.SendAsync(new { emit = "join", args = new object[] { new { room } }, id = 1 });
        await socketIO.NextAsync(l => l.TryGetProperty("ack", out var a) && a.GetInt32() == 1);
        await using var raw = await EnvelopeClient.ConnectAsync(Server.App.Ws("ws/chat?user=ws-carol"));
        await raw.EmitWithAckAsync("join", new { room });

        await socketIO.SendAsync(new { emit = "chat message", args = new object[] { new { room, text = "from socket.io" } } });
        var fromSocketIO = await subscriber.NextAsync(l => l.TryGetProperty("next", out var n) && n.GetRawText().Contains("from socket.io"));
        var socketIOEvent = fromSocketIO.GetProperty("next").GetProperty("data").GetProperty("roomEvents");
        Assert.Equal("chat message", socketIOEvent.GetProperty("event").GetString());
        Assert.Equal("""{"user":"sio-bob","sid":"SID"}""".Replace("SID", socketIOSid), socketIOEvent.GetProperty("from").GetRawText());

        await raw.EmitAsync("chat message", new { room, text = "from raw websocket" });
        var fromRaw = await subscriber.NextAsync(l => l.TryGetProperty("next", out var n) && n.GetRawText().Contains("from raw websocket"));
        Assert.Equal(raw.Sid, fromRaw.GetProperty("next").GetProperty("data").GetProperty("roomEvents").GetProperty("from").GetProperty("sid").GetString());

        // The other way round: a GraphQL client's emit reaches the Socket.IO and raw WebSocket clients of the room.
        var emitted = await Server.PostAsync($$"""mutation { emit(room: "{{room}}", event: "chat message", args: {text: "from graphql"}) }""");
        Assert.Equal("""{"data":{"emit":[{"ok":true,"to":"room"}]}}""", emitted.ToJsonString());
        var heardBySocketIO = await socketIO.NextAsync(l => l.TryGetProperty("on", out var e) && e.GetString() == "chat message" && l.GetRawText().Contains("from graphql"));
        Assert.Equal("from graphql", heardBySocketIO.GetProperty("args")[0].GetProperty("text").GetString());
        var heardByRaw = await raw.NextEventAsync("chat message", args => args[0].GetProperty("text").GetString() == "from graphql");
        Assert.Equal(room, heardByRaw[0].GetProperty("room").GetString());
    }

    [Fact]
    public async Task Presence_sees_a_user_join_and_leave()
    {
        const string room = "gql-presence";
        await using var subscriber = JsonLineClient.GraphQLWs(new Uri(Socket + "?user=presence-listener"));
        await subscriber.ConnectedAsync();
        await subscriber.SubscribeAsync("presence", $$"""subscription { presence(room: "{{room}}") { user status } }""");
        // Its own arrival is the first presence change it hears.
        await subscriber.NextAsync(l => l.GetRawText().Contains("""{"user":"presence-listener","status":"joined"}"""));

        await using (var dave = await EnvelopeClient.ConnectAsync(Server.App.Ws("ws/chat?user=presence-dave")))
        {
            await dave.EmitWithAckAsync("join", new { room });
            await subscriber.NextAsync(l => l.GetRawText().Contains("""{"user":"presence-dave","status":"joined"}"""));
            await dave.EmitWithAckAsync("leave", new { room });
        }
        await subscriber.NextAsync(l => l.GetRawText().Contains("""{"user":"presence-dave","status":"left"}"""));
    }

    [Fact]
    public async Task Completing_a_subscription_stops_its_delivery_and_takes_it_out_of_the_room()
    {
        const string room = "gql-complete";
        await using var subscriber = JsonLineClient.GraphQLWs(new Uri(Socket + "?user=quitter"));
        await subscriber.ConnectedAsync();
        await subscriber.SubscribeAsync("room", $$"""subscription { roomEvents(room: "{{room}}") { event args } }""");
        await InRoomAsync("/chat", room, "quitter");
        await using var sender = await EnvelopeClient.ConnectAsync(Server.App.Ws("ws/chat?user=sender"));
        await sender.EmitWithAckAsync("join", new { room });
        await sender.EmitAsync("note", new { room, n = 1 });
        await subscriber.NextAsync(l => l.GetRawText().Contains("\"n\":1"));

        await subscriber.CompleteAsync("room");
        await WaitUntilAsync(async () => !await IsInRoomAsync("/chat", room, "quitter"));
        await sender.EmitAsync("note", new { room, n = 2 });
        Assert.True(await subscriber.ReceivesNoneAsync(l => l.GetRawText().Contains("\"n\":2"), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_bad_document_gets_an_error_for_its_id_and_the_socket_stays_open()
    {
        await using var client = JsonLineClient.GraphQLWs(Socket);
        await client.ConnectedAsync();
        await client.SubscribeAsync("syntax", "subscription { articleAdded { ");
        Assert.Contains("Error parsing query", (await client.ErrorAsync("syntax"))[0].GetProperty("message").GetString());
        await client.SubscribeAsync("unknown", "subscription { noSuchField }");
        Assert.Contains("noSuchField", (await client.ErrorAsync("unknown"))[0].GetProperty("message").GetString());
        await client.SubscribeAsync("room", """subscription { roomEvents(room: "") { event } }""");
        Assert.Equal("INVALID_ROOM_NAME", (await client.ErrorAsync("room"))[0].GetProperty("extensions").GetProperty("code").GetString());
        await client.SubscribeAsync("deep", "subscription { articleAdded { publications { authors { publications { articles { publications { authors { publications { articles { publications { authors { publications { rank } } } } } } } } } } } } }");
        Assert.Contains("depth", (await client.ErrorAsync("deep"))[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);

        await client.SubscribeAsync("fine", "{ authors(id: 1) { name } }");
        Assert.Equal("""{"data":{"authors":{"name":"Li Ming"}}}""", (await client.NextResultAsync("fine")).GetRawText());
    }

    [Fact]
    public async Task An_unknown_operation_name_gets_an_error_for_its_id()
    {
        await using var client = JsonLineClient.GraphQLWs(Socket);
        await client.ConnectedAsync();
        await client.SubscribeAsync("named", "subscription Added { articleAdded { dbId } }", operationName: "Removed");
        Assert.Contains("Removed", (await client.ErrorAsync("named"))[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Queries_and_mutations_run_over_the_same_socket()
    {
        await using var client = JsonLineClient.GraphQLWs(Socket);
        await client.ConnectedAsync();
        await client.SubscribeAsync("query", "{ authorArticles(id: 2) { rank } }");
        Assert.Equal("""{"data":{"authorArticles":[{"rank":2},{"rank":1},{"rank":1},{"rank":1}]}}""", (await client.NextResultAsync("query")).GetRawText());
        await client.CompletedAsync("query");
        await client.SubscribeAsync("mutation", """mutation { addAuthor(name: "Socket author") { name } }""");
        Assert.Equal("""{"data":{"addAuthor":{"name":"Socket author"}}}""", (await client.NextResultAsync("mutation")).GetRawText());
    }

    [Fact]
    public async Task Two_operations_with_the_same_id_close_the_socket_with_4409()
    {
        await using var client = JsonLineClient.GraphQLWs(Socket, new { fixedId = "same" });
        await client.ConnectedAsync();
        await client.SubscribeAsync("first", "subscription { articleAdded { dbId } }");
        await client.SubscribeAsync("second", "subscription { articleAdded { dbId } }");
        var (code, reason) = await client.ClosedAsync();
        Assert.Equal(4409, code);
        Assert.Equal("Subscriber for same already exists", reason);
    }

    [Fact]
    public async Task A_subscription_over_plain_HTTP_is_refused_with_400()
    {
        using var response = await Server.SendAsync("subscription { articleAdded { dbId } }");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WebSocket", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Raw_WebSocket_clients_cannot_connect_to_the_namespace_articles_are_announced_in()
    {
        await using var refused = await EnvelopeClient.OpenAsync(Server.App.Ws("ws/publishing"));
        await refused.WaitClosedAsync();
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, refused.CloseStatus);
        Assert.Contains("GraphQL subscriptions only", refused.CloseDescription);
    }

    // The protocol says nothing when a subscription has started; its connection's membership of the room does.
    private Task InRoomAsync(string @namespace, string room, string user) => WaitUntilAsync(() => IsInRoomAsync(@namespace, room, user));

    private async Task<bool> IsInRoomAsync(string @namespace, string room, string user) =>
        (await Server.Grains.GetGrain<IRoomGrain>(RoomKey.Of(@namespace, room)).GetMembers()).Users.Any(u => u.User == user);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(100);
        }
    }
}

/// <summary>A subscription costs what any connection of a room costs: one delivery per front, whatever the number of subscribers.</summary>
public sealed class SubscriptionFanOutTests
{
    [Fact]
    public async Task A_room_event_reaches_ten_subscriptions_on_one_front_with_one_delivery()
    {
        var deliveries = new DeliveryCounter();
        await using var server = await GraphQLTestServer.StartSeededAsync(services: s => s.AddSingleton<IOutgoingGrainCallFilter>(deliveries));
        const string name = "fan-out";
        await using var client = JsonLineClient.GraphQLWs(new Uri(server.App.Ws("graphql") + "?user=fan"));
        await client.ConnectedAsync();
        for (var i = 0; i < 10; i++) await client.SubscribeAsync($"s{i}", $$"""subscription { roomEvents(room: "{{name}}") { event } }""");
        await using var sender = await EnvelopeClient.ConnectAsync(server.App.Ws("ws/chat?user=fan-sender"));
        await sender.EmitWithAckAsync("join", new { room = name });
        var room = server.Grains.GetGrain<IRoomGrain>(RoomKey.Of("/chat", name));
        while ((await room.GetMembers()).Connections < 11) await Task.Delay(50);

        await sender.EmitAsync("fanned", new { room = name });
        for (var i = 0; i < 10; i++) await client.NextAsync(l => l.GetRawText().Contains($"\"s{i}\"") && l.GetRawText().Contains("fanned"));
        Assert.Equal(1, deliveries.Of("fanned"));
    }

    /// <summary>Counts the room grain's deliveries to fronts (observer calls), by event name.</summary>
    private sealed class DeliveryCounter : IOutgoingGrainCallFilter
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new();

        public int Of(string @event) => _counts.GetValueOrDefault(@event);

        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.MethodName == nameof(IFrontObserver.Deliver) && context.Request.GetArgumentCount() == 1 && context.Request.GetArgument(0) is Delivery delivery)
                _counts.AddOrUpdate(delivery.Event.Name, 1, (_, n) => n + 1);
            return context.Invoke();
        }
    }
}
