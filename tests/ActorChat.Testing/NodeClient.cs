using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace ActorChat.Testing;

/// <summary>
/// A JavaScript client script from <c>tests/js</c>, run with node. Each line it prints is a JSON
/// object; the test reads them as they come. The test command installs the npm packages first.
/// </summary>
public sealed class NodeClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _lines = Channel.CreateUnbounded<JsonElement>();
    private readonly List<string> _errors = [];

    private NodeClient(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) _lines.Writer.TryComplete();
            else if (e.Data.StartsWith('{')) _lines.Writer.TryWrite(JsonDocument.Parse(e.Data).RootElement.Clone());
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_errors) _errors.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string ScriptsFolder => RepositoryFolders.Scripts;

    public static NodeClient Start(string script, params string[] args) => Start(script, args, input: false);

    /// <summary>Starts a script that reads commands from its standard input (see <see cref="SendAsync"/>).</summary>
    public static NodeClient StartWithInput(string script, params string[] args) => Start(script, args, input: true);

    private static NodeClient Start(string script, string[] args, bool input)
    {
        var folder = ScriptsFolder;
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            throw new InvalidOperationException($"Run 'npm ci' in {folder} first (scripts/test does).");
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input };
        start.ArgumentList.Add(script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new NodeClient(Process.Start(start)!);
    }

    /// <summary>Writes one command to a script started with <see cref="StartWithInput"/>, as a line of JSON.</summary>
    public async Task SendAsync(object command)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next JSON line the script prints.</summary>
    public async Task<JsonElement> NextLineAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            return await _lines.Reader.ReadAsync(cancel.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            lock (_errors) throw new TimeoutException($"The node script printed no further line. stderr: {string.Join('\n', _errors)}");
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
