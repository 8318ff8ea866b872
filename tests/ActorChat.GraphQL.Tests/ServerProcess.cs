using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ActorChat.Testing;

namespace ActorChat.GraphQL.Tests;

/// <summary>
/// ActorChat as the README runs it, <c>dotnet ActorChat.WebFront.dll</c>, on its own embedded data folder, started and
/// killed as often as a test likes (each start gets fresh ports; the data folder stays). Disposing kills what runs and
/// deletes the folder.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actorchat-process-").FullName;
    private readonly List<Process> _started = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<string> _output = [];
    private Process? _current;

    /// <summary>The GraphQL endpoint of the process started last.</summary>
    public Uri GraphQL { get; private set; } = null!;

    /// <summary>Runs a command of the server (<c>seed</c>) to its end; returns the exit code.</summary>
    public int Run(string command)
    {
        var process = Start([command]);
        if (!process.WaitForExit(TimeSpan.FromSeconds(60))) throw new TimeoutException($"'{command}' did not finish within 60 s.");
        return process.ExitCode;
    }

    /// <summary>Starts the server and waits until it answers GraphQL (with other ports if one it picked was taken meanwhile).</summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            _current = Start([]);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    await PostAsync("{ ans }");
                    return;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_current.HasExited)
                {
                    await Task.Delay(200);
                }
                catch (HttpRequestException) when (_current.HasExited && attempt < 3 && Output().Contains("in use", StringComparison.OrdinalIgnoreCase))
                {
                    // Tests running beside this one took a port between its choice and the bind.
                    break;
                }
                catch (HttpRequestException e)
                {
                    throw new InvalidOperationException($"The server did not start. Its output:\n{Output()}", e);
                }
            }
        }
    }

    /// <summary>kill -9: the process gets no chance to flush or close anything.</summary>
    public async Task KillAsync()
    {
        var process = _current ?? throw new InvalidOperationException("No server is running.");
        process.Kill();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _current = null;
    }

    public async Task<JsonNode> PostAsync(string query, CancellationToken cancellation = default)
    {
        using var response = await _http.PostAsync(GraphQL,
            new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"), cancellation);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellation))!;
    }

    private Process Start(IEnumerable<string> command)
    {
        var port = FreePort.Next();
        GraphQL = new Uri($"http://127.0.0.1:{port}/graphql");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ActorChat.WebFront.dll"));
        foreach (var word in command) info.ArgumentList.Add(word);
        info.Environment["ActorChat__Storage__Provider"] = "Embedded";
        // A production-environment process needs authentication or an explicit anonymous opt-in.
        info.Environment["ActorChat__Auth__AllowAnonymous"] = "true";
        info.Environment["ActorChat__Storage__Embedded__DataFolder"] = Path.Combine(_folder, "data");
        info.Environment["ActorChat__Silo__SiloPort"] = FreePort.Next().ToString();
        info.Environment["ActorChat__Silo__GatewayPort"] = FreePort.Next().ToString();
        info.Environment["ActorChat__Dashboard__Enabled"] = "false";
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var process = Process.Start(info)!;
        lock (_output) _output.Clear();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _started.Add(process);
        return process;
    }

    private string Output()
    {
        lock (_output) return string.Join('\n', _output.TakeLast(40));
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
