using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using ActorChat.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace ActorChat.Realtime.Tests;

public sealed class JwtServerFixture : ServerFixture
{
    public const string ApiKey = "jwt-fixture-api-key";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(TestTokens.ServerSettings())
    {
        ["ActorChat:Api:Key"] = ApiKey,
        ["ActorChat:Chat:RoomRules:0:Pattern"] = "vip-*",
        ["ActorChat:Chat:RoomRules:0:Claim"] = "rooms",
    };
}

/// <summary>
/// JWT bearer authentication with real tokens and real .NET clients: who a connection is comes from a
/// verified token, on every transport; the probe's impersonation, forged join names and open API reads fail.
/// </summary>
public sealed class JwtTests(JwtServerFixture fixture) : IClassFixture<JwtServerFixture>
{
    private ActorChatServer Server => fixture.Server;

    private static string NewUser(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private Task<EnvelopeClient> ConnectWs(string token, string query = "") =>
        EnvelopeClient.ConnectAsync(Server.Ws("ws/chat" + query), TestTokens.Bearer(token));

    [Fact]
    public async Task The_impersonation_the_probe_found_fails_a_user_query_parameter_is_ignored()
    {
        var alice = NewUser("alice");
        await using var realAlice = await ConnectWs(TestTokens.For(alice));
        await using var mallory = await ConnectWs(TestTokens.For("mallory"), $"?user={alice}");
        Assert.Equal("mallory", mallory.User);
        Assert.Equal(alice, realAlice.User);

        await using var bob = await ConnectWs(TestTokens.For(NewUser("bob")));
        await bob.EmitWithAckAsync("notice", new { to = alice, text = "for alice only" });
        var received = await realAlice.NextEventAsync("notice");
        Assert.Equal("for alice only", received[0].GetProperty("text").GetString());
        Assert.True(await mallory.ReceivesNoneAsync("notice", TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Join_announces_the_name_in_the_token_not_the_username_the_client_claims()
    {
        var room = "r-" + Guid.NewGuid().ToString("N");
        await using var carol = await ConnectWs(TestTokens.For(NewUser("carol"), name: "Carol Chen"));
        await carol.EmitWithAckAsync("join", new { room, username = "admin" });
        Assert.Equal("Carol Chen has entered the room.", (await carol.NextEventAsync("message"))[0].GetString());
    }

    [Fact]
    public async Task Api_reads_need_the_key_or_a_token_and_show_connection_ids_only_to_their_owner()
    {
        var alice = NewUser("alice");
        await using var socket = await ConnectWs(TestTokens.For(alice));
        using var http = new HttpClient { BaseAddress = Server.BaseUri };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"api/users/{alice}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/namespaces/chat/rooms/lobby/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(http, $"api/users/{alice}", bearer: TestTokens.For("x", key: TestTokens.WrongKey))).StatusCode);

        var byOther = await Json(await Get(http, $"api/users/{alice}", bearer: TestTokens.For(NewUser("bob"))));
        Assert.True(byOther.GetProperty("online").GetBoolean());
        Assert.False(byOther.GetProperty("connections")[0].TryGetProperty("sid", out _));

        var byOwner = await Json(await Get(http, $"api/users/{alice}", bearer: TestTokens.For(alice)));
        Assert.Equal(socket.Sid, byOwner.GetProperty("connections")[0].GetProperty("sid").GetString());

        var byKey = await Json(await Get(http, $"api/users/{alice}", apiKey: JwtServerFixture.ApiKey));
        Assert.Equal(socket.Sid, byKey.GetProperty("connections")[0].GetProperty("sid").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await Get(http, "api/namespaces/chat/rooms/vip-1/members", bearer: TestTokens.For(alice))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(http, "api/namespaces/chat/rooms/vip-1/members",
            bearer: TestTokens.For(alice, claims: [new Claim("rooms", "vip-1")]))).StatusCode);
    }

    [Fact]
    public async Task Room_history_over_http_is_for_the_key_and_for_users_in_the_room_only()
    {
        var (alice, bob) = (NewUser("alice"), NewUser("bob"));
        var room = "r-" + Guid.NewGuid().ToString("N");
        await using var socket = await ConnectWs(TestTokens.For(alice));
        await socket.EmitWithAckAsync("join", new { room });
        await socket.EmitWithAckAsync("chat", new { room, text = "members only" });
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var path = $"api/namespaces/chat/rooms/{room}/messages?after=0";

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(path)).StatusCode);
        var byOutsider = await Get(http, path, bearer: TestTokens.For(bob));
        Assert.Equal(HttpStatusCode.Forbidden, byOutsider.StatusCode);
        Assert.DoesNotContain("members only", await byOutsider.Content.ReadAsStringAsync());

        var byMember = await Json(await Get(http, path, bearer: TestTokens.For(alice)));
        Assert.Equal("members only", byMember.GetProperty("messages")[1].GetProperty("args")[0].GetProperty("text").GetString());
        Assert.Equal(alice, byMember.GetProperty("messages")[1].GetProperty("from").GetString());
        var byKey = await Json(await Get(http, path, apiKey: JwtServerFixture.ApiKey));
        Assert.Equal(2, byKey.GetProperty("messages").GetArrayLength());
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "missing", "unauthenticated" },
        { "forged", "invalid_token" },
        { "expired", "token_expired" },
        { "wrong-audience", "invalid_token" },
    };

    private static string? BadToken(string kind) => kind switch
    {
        "missing" => null,
        "forged" => TestTokens.For("mallory", key: TestTokens.WrongKey),
        "expired" => TestTokens.Expired("mallory"),
        "wrong-audience" => TestTokens.For("mallory", audience: "some-other-service"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory, MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_with_401_before_the_raw_WebSocket_upgrade_in_a_header_or_the_query(string kind, string code)
    {
        var token = BadToken(kind);
        var (status, body) = await UpgradeProbe.RefusalAsync(Server.Ws("ws/chat"), token is null ? null : TestTokens.Bearer(token));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());

        var query = token is null ? "" : $"?access_token={token}";
        Assert.Equal(HttpStatusCode.Unauthorized, (await UpgradeProbe.TryAsync(Server.Ws("ws/chat" + query))).Status);
    }

    [Theory, MemberData(nameof(BadTokens))]
    public async Task A_bad_token_fails_SignalR_negotiate_with_401(string kind, string code)
    {
        var token = BadToken(kind);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(Server.Http("hubs/chat?namespace=%2Fchat"), o => { if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token); })
            .Build();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);

        using var http = new HttpClient();
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, Server.Http("hubs/chat/negotiate?negotiateVersion=1&namespace=%2Fchat"));
        if (token is not null) negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(negotiate);
        Assert.Equal(code, (await Json(response)).GetProperty("code").GetString());
    }

    [Theory, MemberData(nameof(BadTokens))]
    public async Task A_bad_token_in_a_Socket_IO_CONNECT_gets_CONNECT_ERROR_with_its_code(string kind, string code)
    {
        var token = BadToken(kind);
        using var socket = await SocketIOFrames.OpenAsync(Server);
        await SocketIOFrames.SendAsync(socket, "40/chat," + (token is null ? "" : JsonSerializer.Serialize(new { token })));
        var reply = await SocketIOFrames.NextAsync(socket);
        Assert.StartsWith("44/chat,", reply);
        Assert.Equal(code, JsonDocument.Parse(reply[8..]).RootElement.GetProperty("data").GetProperty("code").GetString());
    }

    [Theory, MemberData(nameof(BadTokens))]
    public async Task A_bad_token_gets_401_before_a_Server_Sent_Events_stream_starts_in_a_header_or_the_query(string kind, string code)
    {
        var token = BadToken(kind);
        using var http = new HttpClient();
        using var byHeader = new HttpRequestMessage(HttpMethod.Get, Server.Http("sse/chat"));
        if (token is not null) byHeader.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var request in new[] { byHeader, new HttpRequestMessage(HttpMethod.Get, Server.Http("sse/chat" + (token is null ? "" : $"?access_token={token}"))) })
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(code, (await Json(response)).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task A_valid_token_admits_on_every_transport_as_its_user()
    {
        var user = NewUser("dana");
        var token = TestTokens.For(user);
        await using (var header = await ConnectWs(token)) Assert.Equal(user, header.User);
        await using (var query = await EnvelopeClient.ConnectAsync(Server.Ws($"ws/chat?access_token={token}"))) Assert.Equal(user, query.User);
        await using (var signalr = await SignalRTestClient.ConnectAsync(Server, "/chat", accessToken: token)) Assert.Equal(user, signalr.User);

        using var socket = await SocketIOFrames.OpenAsync(Server);
        await SocketIOFrames.SendAsync(socket, "40/chat," + JsonSerializer.Serialize(new { token }));
        var sid = JsonDocument.Parse((await SocketIOFrames.NextAsync(socket))[8..]).RootElement.GetProperty("sid").GetString()!;
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var presence = await Json(await Get(http, $"api/users/{user}", bearer: token));
        Assert.Contains(presence.GetProperty("connections").EnumerateArray(), c => c.GetProperty("sid").GetString() == sid);
    }

    private static readonly TimeSpan ShortLife = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task A_raw_WebSocket_is_closed_with_1008_when_its_token_expires()
    {
        await using var client = await ConnectWs(TestTokens.For(NewUser("erin"), lifetime: ShortLife));
        var error = await client.NextEventAsync("error", timeout: ShortLife + TimeSpan.FromSeconds(10));
        Assert.Equal("token_expired", error[0].GetProperty("code").GetString());
        await client.WaitClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal("The access token has expired; connect again with a fresh one.", client.CloseDescription);
    }

    [Fact]
    public async Task A_SignalR_connection_is_closed_with_the_reason_when_its_token_expires()
    {
        await using var client = await SignalRTestClient.ConnectAsync(Server, "/chat", accessToken: TestTokens.For(NewUser("fay"), lifetime: ShortLife));
        var closed = new TaskCompletionSource<Exception?>();
        client.Connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        var error = await client.NextEventAsync("error", timeout: ShortLife + TimeSpan.FromSeconds(10));
        Assert.Equal("token_expired", error[0].GetProperty("code").GetString());
        var why = await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("The access token has expired", why?.Message);
    }

    [Fact]
    public async Task A_Socket_IO_socket_is_disconnected_when_its_token_expires()
    {
        using var socket = await SocketIOFrames.OpenAsync(Server);
        await SocketIOFrames.SendAsync(socket, "40/chat," + JsonSerializer.Serialize(new { token = TestTokens.For(NewUser("gus"), lifetime: ShortLife) }));
        Assert.StartsWith("40/chat,", await SocketIOFrames.NextAsync(socket));
        var error = await SocketIOFrames.NextAsync(socket, ShortLife + TimeSpan.FromSeconds(10));
        Assert.StartsWith("42/chat,[\"error\",", error);
        Assert.Contains("token_expired", error);
        Assert.Equal("41/chat,", await SocketIOFrames.NextAsync(socket));
    }

    [Fact]
    public async Task A_Server_Sent_Events_stream_ends_after_token_expired_when_its_token_expires()
    {
        var token = TestTokens.For(NewUser("hana"), lifetime: ShortLife);
        await using var stream = new CurlEventStream(Server.Http($"sse/chat?access_token={token}"));
        await stream.NextEventAsync("connect");
        var error = await stream.NextEventAsync("error", timeout: ShortLife + TimeSpan.FromSeconds(10));
        Assert.Equal("token_expired", error[0].GetProperty("code").GetString());
        Assert.Equal("The access token has expired; connect again with a fresh one.", error[0].GetProperty("message").GetString());
        await stream.Ended.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_room_under_a_rule_needs_the_claim_to_join_and_nothing_is_joined_without_it()
    {
        await using var outsider = await ConnectWs(TestTokens.For(NewUser("hal")));
        await outsider.EmitAndWaitHandledAsync("join", new { room = "vip-lounge" });
        var error = await outsider.NextEventAsync("error");
        Assert.Equal("forbidden", error[0].GetProperty("code").GetString());
        Assert.True(await outsider.ReceivesNoneAsync("message", TimeSpan.FromMilliseconds(300)));

        await using var member = await ConnectWs(TestTokens.For(NewUser("ida"), claims: [new Claim("rooms", "vip-*")]));
        var joined = await member.EmitWithAckAsync("join", new { room = "vip-lounge" });
        Assert.Equal(1, joined[0].GetProperty("members").GetInt32());
    }

    private static async Task<HttpResponseMessage> Get(HttpClient http, string path, string? bearer = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
