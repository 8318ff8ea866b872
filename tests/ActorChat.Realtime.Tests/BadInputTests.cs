using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using ActorChat.Testing;
using ActorChat.WebFront.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;

namespace ActorChat.Realtime.Tests;

/// <summary>A namespace whose handler fails, to see what the client and the log get.</summary>
public sealed class FaultyNamespace : NamespaceHandler
{
    public Task OnBoom(string why) => throw new InvalidOperationException($"secret detail: {why}");
}

public sealed class FaultyServerFixture : IAsyncLifetime
{
    public ActorChatServer Server { get; private set; } = null!;
    public LogCollector Logs { get; } = new();

    public async ValueTask InitializeAsync() =>
        Server = await ActorChatServer.StartAsync(extend: (builder, realtime) =>
        {
            realtime.AddNamespace<FaultyNamespace>("/faulty");
            builder.Logging.AddProvider(Logs);
        });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>Bad input gets an error in the protocol's own form and harms nothing else.</summary>
public sealed class BadInputTests(FaultyServerFixture fixture) : IClassFixture<FaultyServerFixture>
{
    private ActorChatServer Server => fixture.Server;

    [Theory]
    [InlineData("not json at all", "bad_frame")]
    [InlineData("{\"event\": \"x\", \"args\": [", "bad_frame")]
    [InlineData("[1, 2, 3]", "bad_envelope")]
    [InlineData("{\"args\": []}", "bad_envelope")]
    [InlineData("{\"event\": 5}", "bad_envelope")]
    [InlineData("{\"event\": \"x\", \"args\": {}}", "bad_envelope")]
    [InlineData("{\"event\": \"x\", \"args\": [], \"ack\": -1}", "bad_envelope")]
    [InlineData("{\"event\": \"x\", \"args\": [], \"ack\": \"7\"}", "bad_envelope")]
    [InlineData("{\"event\": \"\", \"args\": []}", "invalid_event_name")]
    [InlineData("{\"event\": \"bad\\u0007name\", \"args\": []}", "invalid_event_name")]
    [InlineData("{\"event\": \"connect\", \"args\": []}", "reserved_event")]
    [InlineData("{\"event\": \"join\", \"args\": [{\"room\": \"\"}]}", "invalid_room_name")]
    [InlineData("{\"event\": \"join\", \"args\": [{\"room\": \"a\\nb\"}]}", "invalid_room_name")]
    [InlineData("{\"event\": \"join\", \"args\": [{\"username\": \"no room\"}]}", "invalid_room_name")]
    [InlineData("{\"event\": \"join\", \"args\": [\"not an object\"]}", "bad_argument")]
    public async Task A_bad_frame_gets_an_error_event_and_the_connection_room_and_others_are_unharmed(string frame, string code)
    {
        var room = NewRoom();
        await using var bystander = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        await using var sender = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        await bystander.EmitWithAckAsync("join", new { room });
        await sender.EmitWithAckAsync("join", new { room });

        await sender.SendRawAsync(frame);
        var error = (await sender.NextEventAsync("error"))[0];
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));

        // Same connection, same room, still working both ways.
        Assert.Equal(WebSocketState.Open, sender.State);
        await sender.EmitWithAckAsync("say", new { room, text = "still here" });
        await bystander.NextEventAsync("say", Text("still here"));
        var members = await sender.EmitWithAckAsync("presence", new { room });
        Assert.Equal(2, members[0].GetProperty("connections").GetInt32());
    }

    [Fact]
    public async Task Names_over_256_characters_are_refused()
    {
        await using var client = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        await client.EmitAsync(new string('e', 257), "x");
        Assert.Equal("invalid_event_name", (await client.NextEventAsync("error"))[0].GetProperty("code").GetString());
        await client.EmitAsync("join", new { room = new string('r', 257) });
        Assert.Equal("invalid_room_name", (await client.NextEventAsync("error"))[0].GetProperty("code").GetString());
        await client.EmitWithAckAsync("join", new { room = new string('r', 256) });
    }

    [Fact]
    public async Task A_binary_frame_gets_an_error_event_and_the_connection_stays()
    {
        await using var client = await EnvelopeClient.ConnectAsync(Server.Ws("ws"));
        await client.SendRawAsync([1, 2, 3], WebSocketMessageType.Binary);
        Assert.Equal("bad_frame", (await client.NextEventAsync("error"))[0].GetProperty("code").GetString());
        await client.EmitWithAckAsync("join", new { room = NewRoom() });
    }

    [Fact]
    public async Task An_unknown_namespace_is_refused_with_404_and_a_reason_before_the_upgrade()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await UpgradeProbe.TryAsync(Server.Ws("ws/nowhere"))).Status);
        var (status, body) = await UpgradeProbe.RefusalAsync(Server.Ws("ws/nowhere"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Unknown namespace '/nowhere'.", json.GetProperty("error").GetString());
        Assert.Equal("unknown_namespace", json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_namespace_fails_the_SignalR_start_with_404_and_a_reason()
    {
        await using var connection = new HubConnectionBuilder().WithUrl(Server.Http("hubs/chat?namespace=/nowhere")).Build();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);

        using var http = new HttpClient();
        var response = await http.PostAsync(Server.Http("hubs/chat/negotiate?negotiateVersion=1&namespace=%2Fnowhere"), null);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Unknown namespace '/nowhere'.", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_frame_over_the_size_limit_closes_the_WebSocket_with_1009_and_others_are_unharmed()
    {
        var room = NewRoom();
        await using var bystander = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        await bystander.EmitWithAckAsync("join", new { room });
        await using var client = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        await client.EmitWithAckAsync("join", new { room });
        var limit = Server.Get<Microsoft.Extensions.Options.IOptions<RealtimeOptions>>().Value.MaxMessageBytes;

        await client.SendRawAsync(JsonSerializer.Serialize(new { @event = "say", args = new[] { new string('x', limit) } }));
        await client.WaitClosedAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);

        // The closed client left the room; the room and the bystander carry on.
        await PresenceTests.Eventually(async () =>
            (await bystander.EmitWithAckAsync("presence", new { room }))[0].GetProperty("connections").GetInt32() == 1);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_the_SignalR_connection_with_an_error()
    {
        await using var client = await SignalRTestClient.ConnectAsync(Server, "/chat");
        var closed = new TaskCompletionSource<Exception?>();
        client.Connection.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        await Assert.ThrowsAnyAsync<Exception>(() => client.Connection.InvokeAsync("Emit", "say", new object?[] { new string('x', 70_000) }));
        var error = await closed.Task.WaitAsync(EnvelopeClient.DefaultTimeout);
        // SignalR's own behaviour: the connection closes with an error (details only with EnableDetailedErrors, which we leave off).
        Assert.Contains("closed the connection with the following error", error?.Message ?? "");

        await using var next = await SignalRTestClient.ConnectAsync(Server, "/chat");
        Assert.Equal(HubConnectionState.Connected, next.Connection.State);
    }

    [Fact]
    public async Task A_SignalR_call_with_a_bad_name_gets_an_error_event_and_a_failed_ack()
    {
        await using var client = await SignalRTestClient.ConnectAsync(Server, "/chat");
        await client.Connection.InvokeAsync("Emit", "", Array.Empty<object?>());
        Assert.Equal("invalid_event_name", (await client.NextEventAsync("error"))[0].GetProperty("code").GetString());

        var failure = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<object?[]>("EmitWithAck", "join", new object?[] { 1, 2 }));
        Assert.Contains("not acknowledged", failure.Message);
        Assert.Equal("arity_mismatch", (await client.NextEventAsync("error"))[0].GetProperty("code").GetString());
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
    }

    [Theory, MemberData(nameof(Transports))]
    public async Task A_failing_handler_gives_the_sender_a_correlation_id_and_only_the_log_the_exception(string transport)
    {
        await using var client = await ChatTransports.ConnectAsync(Server, transport, "/faulty");
        await client.EmitAsync("boom", "why not");
        var error = (await client.NextEventAsync("error"))[0];
        Assert.Equal("handler_error", error.GetProperty("code").GetString());
        var correlationId = error.GetProperty("correlationId").GetString()!;
        Assert.DoesNotContain("secret", error.GetRawText());
        Assert.Contains(fixture.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(correlationId)
            && e.Exception?.Message == "secret detail: why not");

        await client.EmitAsync("boom", "again");
        Assert.NotEqual(correlationId, (await client.NextEventAsync("error"))[0].GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task An_event_with_no_handler_is_an_error_in_a_namespace_without_a_catch_all()
    {
        await using var client = await EnvelopeClient.ConnectAsync(Server.Ws("ws/socketTest"));
        await client.EmitAsync("nobody-handles-this", 1);
        var error = (await client.NextEventAsync("error"))[0];
        Assert.Equal("unknown_event", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_plain_http_request_to_a_websocket_endpoint_gets_400_with_json()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(Server.Http("ws/chat"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WebSocket", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    public static TheoryData<string> Transports => new(ChatTransports.All);
}
