using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using ActorChat.Testing;

namespace ActorChat.Cluster.Tests;

/// <summary>
/// One ActorChat process (a silo, a front, or both), started as <c>scripts/cluster.sh</c> starts it:
/// <c>dotnet X.dll</c> from the built output, so its PID is the server and a signal reaches it.
/// It can be killed, paused, terminated and started again with the same ports.
/// </summary>
public sealed class ServerProcess : IServerAddress, IAsyncDisposable
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly ProcessStartInfo _start;
    private readonly ConcurrentQueue<string> _output = new();
    private Process _process = null!;

    private ServerProcess(string name, string address, int httpPort, ProcessStartInfo start)
    {
        Name = name;
        BaseUri = new Uri($"http://{address}:{httpPort}/");
        _start = start;
    }

    public string Name { get; }
    public Uri BaseUri { get; }

    public Uri Http(string path) => new(BaseUri, path);
    public Uri Ws(string path) => new(BaseUri.ToString().Replace("http://", "ws://") + path.TrimStart('/'));
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static ServerProcess Silo(string name, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Silo(name, environment, Placement.Loopback, args);

    public static ServerProcess Silo(string name, IReadOnlyDictionary<string, string> environment, Placement placement, params string[] args) =>
        Start(name, "src/Silo", "ActorChat.Silo.dll", environment, placement,
            [$"--ActorChat:Silo:AdvertisedIP={placement.Address}", $"--ActorChat:Silo:SiloPort={FreePort.Next()}", $"--ActorChat:Silo:GatewayPort={FreePort.Next()}", .. args]);

    public static ServerProcess Front(string name, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Front(name, environment, Placement.Loopback, args);

    public static ServerProcess Front(string name, IReadOnlyDictionary<string, string> environment, Placement placement, params string[] args) =>
        Start(name, "src/WebFront", "ActorChat.WebFront.dll", environment, placement, ["--ActorChat:Role=Front", .. args]);

    /// <summary>A silo and a front in one process (<c>ActorChat:Role=All</c>), as a co-hosted cluster runs several.</summary>
    public static ServerProcess CoHosted(string name, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(name, "src/WebFront", "ActorChat.WebFront.dll", environment, Placement.Loopback,
            ["--ActorChat:Role=All", "--ActorChat:Silo:AdvertisedIP=127.0.0.1", $"--ActorChat:Silo:SiloPort={FreePort.Next()}", $"--ActorChat:Silo:GatewayPort={FreePort.Next()}", .. args]);

    private static ServerProcess Start(string name, string project, string dll, IReadOnlyDictionary<string, string> environment, Placement placement, string[] args)
    {
        var port = FreePort.Next();
        var path = Path.Combine(RepositoryFolders.Root, project, "bin", BuildConfiguration, "net10.0", dll);
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} is not built; build the solution first (scripts/test does).");
        // In a network namespace, 'ip netns exec' enters it and then execs dotnet: the PID is still the server's.
        var start = new ProcessStartInfo(placement.Namespace is null ? "dotnet" : "ip")
        {
            WorkingDirectory = Path.GetDirectoryName(path)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] command = placement.Namespace is null ? [] : ["netns", "exec", placement.Namespace, "dotnet"];
        foreach (var arg in (string[])[.. command, path, "--urls", $"http://{placement.Address}:{port}", .. args]) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var server = new ServerProcess(name, placement.Address, port, start);
        server.Launch();
        return server;
    }

    /// <summary>Release or Debug: the configuration these tests were built with, and so the servers.</summary>
    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Debug") ? "Debug" : "Release";

    private void Launch()
    {
        _process = Process.Start(_start) ?? throw new InvalidOperationException($"{Name} did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 2000) _output.TryDequeue(out _);
    }

    /// <summary>Waits until <c>/readyz</c> answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Output}");
            if ((await ReadinessAsync()).Status == HttpStatusCode.OK) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} was not ready within {timeout}:\n{Output}");
    }

    /// <summary><c>/readyz</c>'s status and report; a process that does not answer is <see cref="HttpStatusCode.ServiceUnavailable"/> with no report.</summary>
    public async Task<(HttpStatusCode Status, JsonElement? Report)> ReadinessAsync(string path = "readyz")
    {
        try
        {
            using var response = await Client.GetAsync(new Uri(BaseUri, path));
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (HttpStatusCode.ServiceUnavailable, null);
        }
    }

    /// <summary>The value of one metric line of <c>/metrics</c> (name with labels as printed), 0 when absent.</summary>
    public async Task<double> MetricAsync(string name, string? labels = null)
    {
        var text = await Client.GetStringAsync(new Uri(BaseUri, "metrics"));
        var total = 0d;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length <= name.Length || line[name.Length] is not ('{' or ' ')) continue;
            if (labels is not null && !line.Contains(labels, StringComparison.Ordinal)) continue;
            total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }
        return total;
    }

    public void Kill() => Signal(SigKill);
    public void Pause() => Signal(SigStop);
    public void Resume() => Signal(SigCont);
    public void Terminate() => Signal(SigTerm);

    public async Task WaitExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}:\n{Output}");
        }
    }

    /// <summary>Starts the process again with the same command line (same ports) once the old one has exited.</summary>
    public async Task RestartAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await WaitExitAsync(TimeSpan.FromSeconds(10));
        }
        _output.Enqueue($"---- {Name} restarted ----");
        Launch();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A paused process ignores everything but SIGKILL.
            Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0 && !_process.HasExited)
            throw new InvalidOperationException($"Could not signal {Name} ({_process.Id}) with {signal}: errno {Marshal.GetLastPInvokeError()}.");
    }

    private const int SigKill = 9, SigTerm = 15, SigStop = 19, SigCont = 18;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
