using ActorChat.Testing;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.Extensions.DependencyInjection;

namespace ActorChat.GraphQL.Tests;

/// <summary>
/// The graphql-transport-ws rules a well-behaved client never breaks, each answered with the protocol's close code:
/// spoken with a raw WebSocket. Limits and timeouts of the protocol, with the npm graphql-ws client.
/// </summary>
public sealed class SocketProtocolTests(SeededServerFixture fixture) : IClassFixture<SeededServerFixture>
{
    private Uri Socket => fixture.Server.App.Ws("graphql");

    [Theory]
    [InlineData("not json", 4400)]
    [InlineData("""{"id":"1"}""", 4400)]
    [InlineData("""{"type":"hello"}""", 4400)]
    [InlineData("""{"type":"subscribe","id":"1","payload":{"query":"{ ans }"}}""", 4401)]
    public async Task A_message_out_of_place_closes_the_socket_with_the_protocols_code(string message, int code)
    {
        using var socket = await RawSocket.ConnectAsync(Socket);
        await socket.SendAsync(message);
        Assert.Equal(code, (int)(await socket.ClosedAsync()).Status);
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429()
    {
        using var socket = await RawSocket.ConnectAsync(Socket);
        await socket.SendAsync("""{"type":"connection_init"}""");
        Assert.Equal("connection_ack", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        await socket.SendAsync("""{"type":"connection_init"}""");
        var (status, reason) = await socket.ClosedAsync();
        Assert.Equal((4429, "Too many initialisation requests"), ((int)status, reason));
    }

    [Fact]
    public async Task Ping_is_answered_with_pong_and_a_query_with_next_then_complete()
    {
        using var socket = await RawSocket.ConnectAsync(Socket);
        await socket.SendAsync("""{"type":"ping","payload":{"n":1}}""");
        Assert.Equal("""{"type":"pong","payload":{"n":1}}""", (await socket.ReceiveAsync()).GetRawText());
        await socket.SendAsync("""{"type":"connection_init","payload":{}}""");
        await socket.ReceiveAsync();
        await socket.SendAsync("""{"type":"subscribe","id":"q1","payload":{"query":"{ authors(id: 3) { name } }"}}""");
        Assert.Equal("""{"type":"next","id":"q1","payload":{"data":{"authors":{"name":"Zhang Ming"}}}}""", (await socket.ReceiveAsync()).GetRawText());
        Assert.Equal("""{"type":"complete","id":"q1"}""", (await socket.ReceiveAsync()).GetRawText());
    }

    [Fact]
    public async Task A_client_that_does_not_offer_the_subprotocol_is_closed_with_4406()
    {
        using var socket = await RawSocket.ConnectAsync(Socket, subprotocol: null);
        Assert.Equal(4406, (int)(await socket.ClosedAsync()).Status);
    }

    [Fact]
    public async Task Without_connection_init_in_time_the_socket_is_closed_with_4408()
    {
        await using var server = await GraphQLTestServer.StartSeededAsync(new Dictionary<string, string> { ["ActorChat:GraphQL:ConnectionInitTimeout"] = "00:00:01" });
        await using var client = JsonLineClient.GraphQLWs(server.App.Ws("graphql"), new { holdInit = true });
        var (code, reason) = await client.ClosedAsync(TimeSpan.FromSeconds(15));
        Assert.Equal((4408, "Connection initialisation timeout"), (code, reason));
    }

    [Fact]
    public async Task Operations_beyond_the_limit_per_socket_get_an_error_and_the_socket_stays_open()
    {
        await using var server = await GraphQLTestServer.StartSeededAsync(new Dictionary<string, string> { ["ActorChat:GraphQL:MaxSubscriptionsPerSocket"] = "2" });
        await using var client = JsonLineClient.GraphQLWs(server.App.Ws("graphql"));
        await client.ConnectedAsync();
        await client.SubscribeAsync("one", "subscription { articleAdded { dbId } }");
        await client.SubscribeAsync("two", """subscription { roomEvents(room: "limits") { event } }""");
        await client.SubscribeAsync("three", "subscription { articleChanged { dbId } }");
        var error = (await client.ErrorAsync("three"))[0];
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("ActorChat:GraphQL:MaxSubscriptionsPerSocket", error.GetProperty("message").GetString());

        await client.CompleteAsync("one");
        await client.SubscribeAsync("four", "{ authors(id: 1) { name } }");
        Assert.Equal("""{"data":{"authors":{"name":"Li Ming"}}}""", (await client.NextResultAsync("four")).GetRawText());
    }

    [Fact]
    public async Task Credentials_come_with_connection_init_and_a_refused_one_closes_with_4403()
    {
        await using var server = await GraphQLTestServer.StartSeededAsync(services: services => services.AddSingleton<IUserIdentityResolver, TokenAsUser>());
        await using (var refused = JsonLineClient.GraphQLWs(server.App.Ws("graphql"), new { connectionParams = new { token = "forged" } }))
        {
            var (code, reason) = await refused.ClosedAsync();
            Assert.Equal((4403, "Forbidden: The token is forged."), (code, reason));
        }

        await using var admitted = JsonLineClient.GraphQLWs(server.App.Ws("graphql"), new { connectionParams = new { authorization = "Bearer erin" } });
        await admitted.ConnectedAsync();
        await admitted.SubscribeAsync("me", """subscription { presence(room: "tokens") { user status } }""");
        Assert.Equal("""{"data":{"presence":{"user":"erin","status":"joined"}}}""", (await admitted.NextResultAsync("me")).GetRawText());
    }

    [Fact]
    public async Task A_subscription_ends_with_the_error_TOKEN_EXPIRED_when_the_token_of_its_socket_expires()
    {
        await using var server = await GraphQLTestServer.StartSeededAsync(TestTokens.ServerSettings());
        var lifetime = TimeSpan.FromSeconds(15);
        await using var client = JsonLineClient.GraphQLWs(server.App.Ws("graphql"), new { connectionParams = new { token = TestTokens.For("gwen", lifetime: lifetime) } });
        await client.ConnectedAsync();
        await client.SubscribeAsync("mine", """subscription { presence(room: "expiring") { user status } }""");
        Assert.Equal("""{"data":{"presence":{"user":"gwen","status":"joined"}}}""", (await client.NextResultAsync("mine")).GetRawText());

        var error = (await client.NextAsync(l => l.TryGetProperty("name", out var n) && n.GetString() == "mine" && !l.TryGetProperty("next", out _),
            lifetime + TimeSpan.FromSeconds(20))).GetProperty("error");
        Assert.Equal("TOKEN_EXPIRED", error[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("The access token has expired; connect again with a fresh one.", error[0].GetProperty("message").GetString());
        // The subscription's connection is gone from the room.
        var rooms = server.App.Get<IRealtimeServer>();
        for (var i = 0; i < 100 && (await rooms.GetRoomMembersAsync("/chat", "expiring")).Connections > 0; i++) await Task.Delay(100);
        Assert.Equal(0, (await rooms.GetRoomMembersAsync("/chat", "expiring")).Connections);
    }

    /// <summary>An identity seam that wants a token and takes it for the user id; "forged" is refused.</summary>
    private sealed class TokenAsUser : IUserIdentityResolver
    {
        public ValueTask<UserIdentity> ResolveAsync(ConnectionRequest request) => request.Token switch
        {
            null => throw new ConnectionRefusedException(ConnectionRefusal.Unauthenticated("A token is required.")),
            "forged" => throw new ConnectionRefusedException(ConnectionRefusal.InvalidToken("The token is forged.")),
            var user => ValueTask.FromResult(UserIdentity.Anonymous(user)),
        };
    }

    /// <summary>A WebSocket speaking graphql-transport-ws by hand, to break its rules.</summary>
    private sealed class RawSocket(ClientWebSocket socket) : IDisposable
    {
        public static async Task<RawSocket> ConnectAsync(Uri uri, string? subprotocol = "graphql-transport-ws")
        {
            var socket = new ClientWebSocket();
            if (subprotocol is not null) socket.Options.AddSubProtocol(subprotocol);
            await socket.ConnectAsync(uri, CancellationToken.None);
            return new RawSocket(socket);
        }

        public Task SendAsync(string text) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        public async Task<JsonElement> ReceiveAsync()
        {
            var (type, text) = await ReadAsync();
            Assert.Equal(WebSocketMessageType.Text, type);
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        public async Task<(WebSocketCloseStatus Status, string Reason)> ClosedAsync()
        {
            while ((await ReadAsync()).Type != WebSocketMessageType.Close) { }
            return (socket.CloseStatus!.Value, socket.CloseStatusDescription ?? "");
        }

        private async Task<(WebSocketMessageType Type, string Text)> ReadAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var buffer = new byte[64 * 1024];
            var length = 0;
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
                length += result.Count;
                if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
                    return (result.MessageType, Encoding.UTF8.GetString(buffer, 0, length));
            }
        }

        public void Dispose() => socket.Dispose();
    }
}
