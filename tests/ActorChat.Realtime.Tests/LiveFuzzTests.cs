using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorChat.Testing;
using CsCheck;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ActorChat.Realtime.Tests;

public sealed class LiveFuzzFixture : IAsyncLifetime
{
    public const string ApiKey = "fuzz-key";

    public ActorChatServer Server { get; private set; } = null!;
    public LogCollector Logs { get; } = new();

    public async ValueTask InitializeAsync() =>
        Server = await ActorChatServer.StartAsync(new Dictionary<string, string> { ["ActorChat:Api:Key"] = ApiKey },
            (builder, _) => builder.Logging.AddProvider(Logs));

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// Seeded, bounded fuzzing of a running server through each decoder a client reaches: random frames on a raw
/// WebSocket, random Socket.IO packets over polling and WebSocket, random push bodies. Each gets its protocol's
/// error (an error event, a close frame, a 400 with JSON), the server logs no unhandled exception, and a
/// bystander in a room still hears its room afterwards.
/// </summary>
public sealed class LiveFuzzTests(LiveFuzzFixture fixture) : IClassFixture<LiveFuzzFixture>
{
    private const long Rounds = 6;
    private static readonly Gen<string[]> Frames = FuzzText.Text.Array[1, 30];

    private ActorChatServer Server => fixture.Server;

    [Fact]
    public async Task Random_raw_WebSocket_frames_get_errors_or_a_close_frame_and_harm_no_one()
    {
        await using var bystander = await Bystander.JoinAsync(Server);
        Frames.Sample(frames => RawWebSocketAsync(frames).GetAwaiter().GetResult(), seed: FuzzText.Seed, iter: Rounds, threads: 1);
        await bystander.StillHearsItsRoomAsync(Server);
        AssertNoServerErrors();
    }

    private async Task RawWebSocketAsync(string[] frames)
    {
        await using var client = await EnvelopeClient.ConnectAsync(Server.Ws("ws/chat"));
        foreach (var frame in frames)
        {
            if (client.State != WebSocketState.Open) break;
            await client.SendRawAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text);
        }
        // Still open and answering, or closed with a close frame (1008, 1009): never dropped without one.
        if (client.State == WebSocketState.Open) await client.EmitWithAckAsync("presence", new { room = "fuzz" });
        else Assert.NotNull(client.CloseStatus);
    }

    [Fact]
    public async Task Random_Socket_IO_packets_over_polling_get_ok_or_a_400_with_json_and_harm_no_one()
    {
        await using var bystander = await Bystander.JoinAsync(Server);
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        Frames.Sample(frames => PollingAsync(http, frames).GetAwaiter().GetResult(), seed: FuzzText.Seed, iter: Rounds, threads: 1);
        await bystander.StillHearsItsRoomAsync(Server);
        AssertNoServerErrors();
    }

    private static async Task PollingAsync(HttpClient http, string[] packets)
    {
        var open = await http.GetStringAsync("socket.io/?EIO=4&transport=polling");
        var sid = JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString();
        await http.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("40/chat,"));
        foreach (var packet in packets)
        {
            var response = await http.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sid}", new ByteArrayContent(Encoding.UTF8.GetBytes(packet)));
            if (response.StatusCode == HttpStatusCode.OK) continue;
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge });
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(body.TryGetProperty("code", out _) && body.TryGetProperty("message", out _));
            if (body.GetProperty("code").GetInt32() == 1) break;
        }
        await http.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("1"));
    }

    [Fact]
    public async Task Random_Socket_IO_frames_over_a_WebSocket_end_in_a_close_frame_at_worst_and_harm_no_one()
    {
        await using var bystander = await Bystander.JoinAsync(Server);
        Frames.Sample(frames => SocketIOWebSocketAsync(frames).GetAwaiter().GetResult(), seed: FuzzText.Seed, iter: Rounds, threads: 1);
        await bystander.StillHearsItsRoomAsync(Server);
        AssertNoServerErrors();
    }

    private async Task SocketIOWebSocketAsync(string[] frames)
    {
        using var socket = await SocketIOFrames.OpenAsync(Server);
        await SocketIOFrames.SendAsync(socket, "40/chat,");
        await SocketIOFrames.NextAsync(socket);
        var reader = Task.Run(async () => { while (await SocketIOFrames.NextAsync(socket, TimeSpan.FromSeconds(30)) != "CLOSED") { } });
        foreach (var frame in frames)
        {
            if (socket.State != WebSocketState.Open) break;
            try { await SocketIOFrames.SendAsync(socket, "4" + frame); }
            catch (WebSocketException) { break; }
        }
        if (socket.State == WebSocketState.Open) await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(socket.CloseStatus);
    }

    [Fact]
    public async Task Random_push_bodies_get_202_or_a_400_with_json()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        FuzzText.Bytes.Sample(body =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/namespaces/chat/events") { Content = new ByteArrayContent(body) };
            request.Headers.Add("X-Api-Key", LiveFuzzFixture.ApiKey);
            using var response = http.Send(request);
            if (response.StatusCode == HttpStatusCode.Accepted) return;
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(JsonDocument.Parse(response.Content.ReadAsStream()).RootElement.TryGetProperty("error", out _));
        }, seed: FuzzText.Seed, iter: 300, threads: 1);
        AssertNoServerErrors();
    }

    private void AssertNoServerErrors() =>
        Assert.DoesNotContain(fixture.Logs.Entries, e => e.Level >= LogLevel.Error);

    /// <summary>A client in a room of its own, and a second one that speaks in it.</summary>
    private sealed class Bystander(EnvelopeClient client, string room) : IAsyncDisposable
    {
        public static async Task<Bystander> JoinAsync(ActorChatServer server)
        {
            var room = "fuzz-" + Guid.NewGuid().ToString("N");
            var client = await EnvelopeClient.ConnectAsync(server.Ws("ws/chat"));
            await client.EmitWithAckAsync("join", new { room });
            return new Bystander(client, room);
        }

        public async Task StillHearsItsRoomAsync(ActorChatServer server)
        {
            await using var speaker = await EnvelopeClient.ConnectAsync(server.Ws("ws/chat"));
            await speaker.EmitWithAckAsync("chat", new { room, text = "after the fuzz" });
            Assert.Equal("after the fuzz", (await client.NextEventAsync("chat"))[0].GetProperty("text").GetString());
        }

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}
