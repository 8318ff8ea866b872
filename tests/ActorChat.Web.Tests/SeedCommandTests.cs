using System.Diagnostics;
using ActorChat.Testing;

namespace ActorChat.Web.Tests;

/// <summary>The README's <c>seed</c> command as a real process: it loads the data and exits, and says plainly when a server holds the data folder.</summary>
public sealed class SeedCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("actorchat-seed-").FullName;
    private readonly List<Process> _started = [];

    [Fact]
    public async Task Seed_loads_the_sample_data_and_exits_without_talk_of_serving()
    {
        var (exit, output, error) = await RunToEndAsync(Start("seed"));
        Assert.True(exit == 0, error);
        Assert.Contains("Sample data loaded: 3 authors, 7 articles, 9 publications", output);
        Assert.DoesNotContain("Press Ctrl+C", output);
        Assert.DoesNotContain("ActorChat is serving", output);
        Assert.Equal("", error.Trim());
    }

    [Fact]
    public async Task Seed_while_a_server_holds_the_data_folder_says_so_in_one_sentence()
    {
        var port = FreePort.Next();
        var server = Start($"--urls=http://127.0.0.1:{port}");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        await WaitUntilServingAsync(port);

        var (exit, output, error) = await RunToEndAsync(Start("seed"));
        Assert.Equal(2, exit);
        Assert.Equal($"ActorChat cannot start: ActorChat:Storage:Embedded:DataFolder '{_data}' is in use by another ActorChat process; stop it first (the embedded store belongs to one process at a time).",
            error.Trim());
        Assert.DoesNotContain("fail:", output);
        Assert.DoesNotContain("   at ", output + error);
    }

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _data, RedirectStandardOutput = true, RedirectStandardError = true };
        // A production-environment process needs authentication or an explicit anonymous opt-in.
        start.Environment["ActorChat__Auth__AllowAnonymous"] = "true";
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "ActorChat.WebFront.dll"), .. args,
                     $"--ActorChat:Storage:Embedded:DataFolder={_data}",
                     $"--ActorChat:Silo:SiloPort={FreePort.Next()}", $"--ActorChat:Silo:GatewayPort={FreePort.Next()}"])
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        _started.Add(process);
        return process;
    }

    private static async Task<(int Exit, string Output, string Error)> RunToEndAsync(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return (process.ExitCode, await output, await error);
    }

    private static async Task WaitUntilServingAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
        throw new TimeoutException("The server did not start serving within 90 s.");
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
            process.Dispose();
        }
        Directory.Delete(_data, recursive: true);
    }
}
