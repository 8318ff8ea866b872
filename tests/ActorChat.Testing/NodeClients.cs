using System.Diagnostics;
using Xunit;

namespace ActorChat.Testing;

/// <summary>
/// Runs the Socket.IO client scripts of <c>tests/js</c> (whole scenarios, or a client driven over stdin),
/// installing the packages with <c>npm ci</c> when the test command has not done so already.
/// </summary>
public sealed class NodeClients : IAsyncLifetime
{
    public string Directory { get; } = NodeClient.ScriptsFolder;

    public async ValueTask InitializeAsync()
    {
        if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "socket.io-client"))) return;
        using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0) throw new InvalidOperationException($"npm ci in {Directory} failed: {await output}{await errors}");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public string Script(string name) => Path.Combine(Directory, name);

    /// <summary>Runs a script to its end and returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, string script, params string[] args)
    {
        using var process = Start(script, args, redirectInput: false);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{await output}{await errors}");
        }
        return (process.ExitCode, await output + await errors);
    }

    public Process Start(string script, string[] args, bool redirectInput)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
        };
        start.ArgumentList.Add(Script(script));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }
}
