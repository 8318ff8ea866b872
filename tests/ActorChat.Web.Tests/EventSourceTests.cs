using System.Text.Json;
using ActorChat.Testing;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.Web.Tests;

/// <summary>
/// The browser's own EventSource, in Chromium, on <c>/sse/chat</c>: it joins its room and hears a WebSocket client there,
/// and when its stream ends it reconnects by itself with <c>Last-Event-ID</c> and gets what it missed.
/// </summary>
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

    [Fact]
    public async Task A_browser_EventSource_that_loses_its_stream_reconnects_by_itself_and_gets_what_it_missed_once_in_order()
    {
        var room = $"sse-back-{Guid.NewGuid():N}";
        var user = $"browser-{Guid.NewGuid():N}"[..16];
        await using var sender = await EnvelopeClient.ConnectAsync(fixture.Server.Ws("ws/chat?user=ws-sender"));
        await sender.EmitWithAckAsync("join", new { room });
        await sender.NextEventAsync("presence", args => args[0].GetProperty("user").GetString() == "ws-sender");
        await using var browser = NodeClient.Start("event-source-recovery.mjs", fixture.Server.BaseUri.ToString().TrimEnd('/'), room, user);
        var ready = await browser.NextLineAsync(TimeSpan.FromSeconds(90));
        Assert.True(ready.TryGetProperty("ready", out var info), ready.ToString());
        await sender.NextEventAsync("presence", args => args[0].GetProperty("user").GetString() == user);

        // The server ends the stream as a draining front does: EventSource takes that as a reason to reconnect.
        fixture.Server.Get<LocalConnections>().Find(info.GetProperty("sid").GetString()!)!.Drain("test");
        var sent = Enumerable.Range(1, 10).Select(i => $"m{i}").ToArray();
        foreach (var text in sent) await sender.EmitWithAckAsync("chat message", new { room, text });

        var resumed = await browser.NextLineAsync(TimeSpan.FromSeconds(30));
        Assert.True(resumed.TryGetProperty("resumed", out var result), resumed.ToString());
        Assert.True(result.GetProperty("recovered").GetBoolean());
        Assert.Equal(10, result.GetProperty("missed").GetInt32());
        await sender.EmitWithAckAsync("chat message", new { room, text = "after" });
        var done = await browser.NextLineAsync(TimeSpan.FromSeconds(30));
        Assert.True(done.GetProperty("done").GetBoolean(), done.ToString());

        var received = done.GetProperty("received").EnumerateArray().ToArray();
        var texts = received.Where(e => e.GetProperty("name").GetString() == "chat message").Select(e => e.GetProperty("args")[0].GetProperty("text").GetString());
        Assert.Equal([.. sent, "after"], texts);
        Assert.Equal(2, received.Count(e => e.GetProperty("name").GetString() == "connect"));
        // Nobody heard the browser's user leave or join again while it was away.
        Assert.Single(received, e => e.GetProperty("name").GetString() == "presence" && e.GetProperty("args")[0].GetProperty("user").GetString() == user);
        Assert.True(await sender.ReceivesNoneAsync("presence", TimeSpan.FromSeconds(1)));
        Assert.Empty(done.GetProperty("problems").EnumerateArray());
    }
}
