using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ActorChat.Testing;

/// <summary>
/// <c>curl -N</c> reading a Server-Sent Events stream, as a person would watch one: each message is an event
/// name and its <c>data:</c> lines (a JSON array of arguments); comment lines count as heartbeats, and the last
/// <c>id:</c> is kept as <c>EventSource</c> keeps it.
/// </summary>
public sealed class CurlEventStream : IAsyncDisposable
{
    private readonly Process _curl;
    private readonly Inbox<(string Event, JsonElement[] Args)> _events = new();
    private readonly Task _reading;
    private int _heartbeats;
    private string? _lastEventId;

    /// <param name="lastEventId">Sent as <c>Last-Event-ID</c>, as <c>EventSource</c> does when it reconnects.</param>
    public CurlEventStream(Uri url, string? lastEventId = null)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--silent", "--no-buffer", "--max-time", "120", url.ToString() }) start.ArgumentList.Add(arg);
        if (lastEventId is not null)
        {
            start.ArgumentList.Add("--header");
            start.ArgumentList.Add($"Last-Event-ID: {lastEventId}");
        }
        _curl = Process.Start(start)!;
        _reading = ReadAsync();
    }

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    /// <summary>The last <c>id:</c> the stream sent, as of the events read so far.</summary>
    public string? LastEventId => Volatile.Read(ref _lastEventId);

    /// <summary>Completes when the server has ended the stream (curl read its end).</summary>
    public Task Ended => _reading;

    public async Task<JsonElement[]> NextEventAsync(string @event, Func<JsonElement[], bool>? match = null, TimeSpan? timeout = null) =>
        (await _events.NextAsync(e => e.Event == @event && (match is null || match(e.Args)), timeout)).Args;

    /// <summary>True when no matching event arrives within the window.</summary>
    public Task<bool> ReceivesNoneAsync(string @event, Func<JsonElement[], bool> match, TimeSpan window) =>
        _events.ReceivesNoneAsync(e => e.Event == @event && match(e.Args), window);

    private async Task ReadAsync()
    {
        string? name = null;
        var data = new StringBuilder();
        while (await _curl.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(':')) Interlocked.Increment(ref _heartbeats);
            else if (line.StartsWith("event: ")) name = line["event: ".Length..];
            else if (line.StartsWith("id: ")) Volatile.Write(ref _lastEventId, line["id: ".Length..]);
            else if (line.StartsWith("data: ")) data.Append(data.Length > 0 ? "\n" : "").Append(line["data: ".Length..]);
            else if (line.Length == 0 && name is not null)
            {
                _events.Add((name, JsonDocument.Parse(data.ToString()).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray()));
                (name, data) = (null, new StringBuilder());
            }
        }
        _events.Close();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_curl.HasExited) _curl.Kill();
        await _reading;
        _curl.Dispose();
    }
}
