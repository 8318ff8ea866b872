using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace ActorChat.Testing;

/// <summary>A socket.io-client in a node process (tests/js/socketio-client.cjs), driven over stdin and stdout.</summary>
public sealed class NodeSocketClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    // Events that came before a reconnect's CONNECTED line (a recovered session's missed events do), in order.
    private readonly Queue<string> _early = new();
    private int _nextAck;

    private NodeSocketClient(Process process)
    {
        _process = process;
        _ = PumpAsync();
    }

    public string Sid { get; private set; } = "";

    public int ProcessId => _process.Id;

    public static async Task<NodeSocketClient> ConnectAsync(NodeClients node, Uri baseUri, string ns, string transport, string? user = null)
    {
        string[] args = user is null ? [baseUri.ToString(), ns, transport] : [baseUri.ToString(), ns, transport, user];
        var client = new NodeSocketClient(node.Start("socketio-client.cjs", args, redirectInput: true));
        var connected = await client.NextLineAsync(l => l.StartsWith("CONNECTED ", StringComparison.Ordinal) || l.StartsWith("CONNECT_ERROR", StringComparison.Ordinal));
        if (!connected.StartsWith("CONNECTED ", StringComparison.Ordinal)) throw new InvalidOperationException(connected);
        client.Sid = connected["CONNECTED ".Length..];
        return client;
    }

    public Task EmitAsync(string @event, params object?[] args) => WriteAsync(new { emit = @event, args });

    /// <summary>Has the client emit the same event <paramref name="count"/> times, as fast as it can.</summary>
    public async Task EmitManyAsync(int count, string @event, params object?[] args)
    {
        var line = JsonSerializer.Serialize(new { emit = @event, args });
        await _process.StandardInput.WriteAsync(string.Concat(Enumerable.Repeat(line + "\n", count)));
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the client's <c>disconnect</c> event and returns its reason (such as <c>io server disconnect</c>).</summary>
    public async Task<string> DisconnectedAsync() =>
        (await NextLineAsync(l => l.StartsWith("DISCONNECTED ", StringComparison.Ordinal)))["DISCONNECTED ".Length..];

    public async Task<JsonElement[]> EmitWithAckAsync(string @event, params object?[] args)
    {
        var id = Interlocked.Increment(ref _nextAck);
        await WriteAsync(new { emit = @event, args, id });
        var line = await NextLineAsync(l => l.StartsWith($"ACK {id} ", StringComparison.Ordinal));
        return JsonDocument.Parse(line[$"ACK {id} ".Length..]).RootElement.EnumerateArray().ToArray();
    }

    /// <summary>The next event of this name (its arguments), optionally the next one that matches.</summary>
    public async Task<JsonElement[]> NextEventAsync(string @event, Func<JsonElement[], bool>? match = null)
    {
        while (true)
        {
            var line = _early.TryDequeue(out var early) ? early : await NextLineAsync(l => l.StartsWith("EVENT ", StringComparison.Ordinal));
            var all = JsonDocument.Parse(line["EVENT ".Length..]).RootElement.EnumerateArray().ToArray();
            if (all[0].GetString() == @event && (match?.Invoke(all[1..]) ?? true)) return all[1..];
        }
    }

    /// <summary>
    /// Has the disconnected client connect again, to <paramref name="baseUri"/> (as a load balancer would send it to
    /// another front), and returns socket.io-client's <c>socket.recovered</c>.
    /// </summary>
    public async Task<bool> ReconnectAsync(Uri baseUri)
    {
        await WriteAsync(new { reconnect = baseUri.ToString().TrimEnd('/') });
        var connected = await NextLineAsync(l =>
        {
            if (l.StartsWith("EVENT ", StringComparison.Ordinal)) _early.Enqueue(l);
            return l.StartsWith("CONNECTED ", StringComparison.Ordinal);
        });
        Sid = connected["CONNECTED ".Length..];
        return await NextLineAsync(l => l.StartsWith("RECOVERED ", StringComparison.Ordinal)) == "RECOVERED true";
    }

    /// <summary>Waits until the client reports it was disconnected and returns socket.io-client's reason ("transport close", "io server disconnect"…).</summary>
    public async Task<string> DisconnectReasonAsync() =>
        (await NextLineAsync(l => l.StartsWith("DISCONNECTED ", StringComparison.Ordinal)))["DISCONNECTED ".Length..];

    /// <summary>Ends the process at once, as a crash or a pulled cable would: no close packet, no DISCONNECT.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private async Task WriteAsync(object command)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
        await _process.StandardInput.FlushAsync();
    }

    private async Task<string> NextLineAsync(Func<string, bool> match)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token);
                _seen.Add(line);
                if (match(line)) return line;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"The node client did not print the expected line in time. It printed:\n{string.Join('\n', _seen)}");
        }
    }

    private async Task PumpAsync()
    {
        var errors = _process.StandardError.ReadToEndAsync();
        while (await _process.StandardOutput.ReadLineAsync() is { } line) _lines.Writer.TryWrite(line);
        var stderr = await errors;
        if (stderr.Length > 0) _lines.Writer.TryWrite("STDERR " + stderr);
        _lines.Writer.TryComplete();
    }
}
