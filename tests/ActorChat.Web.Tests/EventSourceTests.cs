using ActorChat.Testing;

namespace ActorChat.Web.Tests;

/// <summary>The browser's own EventSource, in Chromium, on <c>/sse/chat</c>: it joins its room and hears a WebSocket client there.</summary>
public sealed class EventSourceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_browser_EventSource_hears_a_room_message_from_a_WebSocket_client()
    {
        var room = $"sse-{Guid.NewGuid():N}";
        Assert.True(File.Exists(BrowserScript.Chromium), "scripts/test installs Debian's chromium package.");
        await using var browser = NodeClient.Start("event-source.mjs", fixture.Server.BaseUri.ToString().TrimEnd('/'), room);
        var ready = await browser.NextLineAsync(TimeSpan.FromSeconds(90));
        Assert.True(ready.TryGetProperty("ready", out var info), ready.ToString());
        Assert.Equal("browser-sse", info.GetProperty("info").GetProperty("user").GetString());
        Assert.Equal(1, info.GetProperty("readyState").GetInt32());

        await using var socket = await EnvelopeClient.ConnectAsync(fixture.Server.Ws("ws/chat?user=ws-sender"));
        await socket.EmitWithAckAsync("join", new { room });
        await socket.EmitWithAckAsync("chat message", new { room, text = "to the browser" });

        var message = await browser.NextLineAsync(TimeSpan.FromSeconds(30));
        Assert.True(message.TryGetProperty("message", out var args), message.ToString());
        Assert.Equal("to the browser", args[0].GetProperty("text").GetString());
        Assert.Equal("ws-sender", args[0].GetProperty("from").GetProperty("user").GetString());
        var done = await browser.NextLineAsync(TimeSpan.FromSeconds(30));
        Assert.True(done.GetProperty("done").GetBoolean(), done.ToString());
        Assert.Empty(done.GetProperty("problems").EnumerateArray());
    }
}
