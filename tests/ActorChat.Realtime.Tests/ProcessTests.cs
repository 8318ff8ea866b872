using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using ActorChat.Testing;
using Xunit;

namespace ActorChat.Realtime.Tests;

/// <summary>
/// The README's first command as a real process (the Development run that <c>dotnet run</c> makes of it): it
/// prints its addresses, says it is anonymous, serves, and stops cleanly on Ctrl+C.
/// </summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task The_server_process_prints_its_addresses_serves_and_stops_cleanly_on_sigint()
    {
        var port = FreePort.Next();
        var data = Directory.CreateTempSubdirectory("actorchat-process-test-").FullName;
        using var server = Start("Development", $"--urls=http://127.0.0.1:{port}", $"--ActorChat:Storage:Embedded:DataFolder={data}", $"--ActorChat:Silo:SiloPort={FreePort.Next()}", $"--ActorChat:Silo:GatewayPort={FreePort.Next()}");
        var output = new List<string>();
        var serving = new TaskCompletionSource<string>();
        var anonymous = new TaskCompletionSource<string>();
        var origins = new TaskCompletionSource<string>();
        server.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.Add(e.Data);
            if (e.Data.Contains("ActorChat is serving")) serving.TrySetResult(e.Data);
            if (e.Data.Contains("ActorChat runs without authentication")) anonymous.TrySetResult(e.Data);
            if (e.Data.Contains("ActorChat admits browser pages")) origins.TrySetResult(e.Data);
        };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        var line = await serving.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains($"http://127.0.0.1:{port}", line);
        Assert.Contains($"ws://127.0.0.1:{port}/ws", line);
        Assert.Contains("/hubs/chat", line);
        Assert.Contains("because this is the Development environment", await anonymous.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("from any origin", await origins.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        await using var client = await EnvelopeClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/ws/chat"));
        await client.EmitWithAckAsync("join", new { room = "before-shutdown" });

        Assert.Equal(0, kill(server.Id, SigInt));
        try
        {
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            server.Kill();
            lock (output) Assert.Fail("The server did not stop within 30 s of SIGINT. Its output:\n" + string.Join("\n", output));
        }
        Assert.Equal(0, server.ExitCode);
        await client.WaitClosedAsync(TimeSpan.FromSeconds(5));
        Assert.NotEqual(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task Outside_Development_starting_with_no_authentication_ends_with_one_sentence_and_exit_code_2()
    {
        using var server = Start("Production");
        var error = await server.StandardError.ReadToEndAsync();
        await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, server.ExitCode);
        Assert.Equal("ActorChat cannot start: ActorChat:Auth:Mode is Anonymous outside Development, so anyone could connect as any user: "
            + "set ActorChat:Auth:Mode=Jwt with ActorChat:Auth:Jwt:Issuer, Audience and SigningKey or PublicKeysFile, or set ActorChat:Auth:AllowAnonymous=true to accept that.", error.Trim());
    }

    [Fact]
    public async Task Bad_configuration_ends_start_up_with_one_sentence_and_exit_code_2()
    {
        using var server = Start("Production", "--ActorChat:Realtime:MaxMessageBytes=5");
        var error = await server.StandardError.ReadToEndAsync();
        await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, server.ExitCode);
        Assert.Equal("ActorChat cannot start: ActorChat:Realtime:MaxMessageBytes must be between 1024 and 67108864; it is 5.", error.Trim());
    }

    private const int SigInt = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    // Test runners often start from a background shell, where SIGINT is ignored and children inherit
    // that; a terminal's Ctrl+C is not ignored. python3 puts the default disposition back before exec.
    private const string RestoreSigInt = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])";

    private static Process Start(string environment, params string[] args)
    {
        var start = new ProcessStartInfo("python3")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        foreach (var arg in new[] { "-c", RestoreSigInt, "dotnet", Path.Combine(AppContext.BaseDirectory, "ActorChat.WebFront.dll") })
            start.ArgumentList.Add(arg);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }
}
