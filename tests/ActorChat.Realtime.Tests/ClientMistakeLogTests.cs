using System.Net.WebSockets;
using ActorChat.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ActorChat.Realtime.Tests;

public sealed class DebugLogServerFixture : IAsyncLifetime
{
    public ActorChatServer Server { get; private set; } = null!;
    public LogCollector Logs { get; } = new(LogLevel.Debug);

    public async ValueTask InitializeAsync() =>
        Server = await ActorChatServer.StartAsync(
            new Dictionary<string, string> { ["Logging:LogLevel:ActorChat"] = "Debug", ["Logging:LogLevel:Microsoft.AspNetCore.SignalR"] = "Debug" },
            extend: (builder, _) => builder.Logging.AddProvider(Logs));

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>A client's mistake is the client's business: one line at Debug in the server log, never an error with a stack trace.</summary>
public sealed class ClientMistakeLogTests(DebugLogServerFixture fixture) : IClassFixture<DebugLogServerFixture>
{
    [Fact]
    public async Task Bad_arguments_to_EmitWithAck_are_one_debug_line_not_an_error()
    {
        await using var client = await SignalRTestClient.ConnectAsync(fixture.Server, "/chat", "careless");
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            client.Connection.InvokeAsync<object?[]>("EmitWithAck", "join", new object?[] { new Dictionary<string, object?> { ["room"] = "" } }));
        Assert.Contains("was not acknowledged", refused.Message);
        Assert.Equal("invalid_room_name", (await client.NextEventAsync("error"))[0].GetProperty("code").GetString());

        var line = await LineAsync(client.Sid, "invalid_room_name");
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Null(line.Exception);
        AssertNoErrorsFrom(client.Sid, "EmitWithAck");
    }

    [Fact]
    public async Task A_malformed_frame_is_one_debug_line_not_an_error()
    {
        await using var client = await EnvelopeClient.ConnectAsync(fixture.Server.Ws("ws/chat?user=sloppy"));
        await client.SendRawAsync("{\"event\": \"x\", \"args\": [");
        Assert.Equal("bad_frame", (await client.NextEventAsync("error"))[0].GetProperty("code").GetString());
        Assert.Equal(WebSocketState.Open, client.State);

        var line = await LineAsync(client.Sid, "bad_frame");
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Null(line.Exception);
        AssertNoErrorsFrom(client.Sid, "bad_frame");
    }

    private async Task<(string Category, LogLevel Level, string Message, Exception? Exception)> LineAsync(string sid, string code)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(10); waited += TimeSpan.FromMilliseconds(50))
        {
            var lines = fixture.Logs.Entries.Where(e => e.Message.Contains(sid) && e.Message.Contains(code) && e.Category.StartsWith("ActorChat")).ToList();
            if (lines.Count > 0) return Assert.Single(lines);
            await Task.Delay(50);
        }
        throw new TimeoutException($"No log line names {sid} and {code}.");
    }

    private void AssertNoErrorsFrom(string sid, string what) =>
        Assert.DoesNotContain(fixture.Logs.Entries, e => e.Level >= LogLevel.Warning && (e.Message.Contains(sid) || e.Message.Contains(what) || e.Exception is HubException));
}
