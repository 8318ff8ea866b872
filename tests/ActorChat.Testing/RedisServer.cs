using System.Diagnostics;
using Xunit;
using System.Net;
using System.Net.Sockets;

namespace ActorChat.Testing;

/// <summary>
/// A throwaway redis-server on a free loopback port, with no persistence, killed when the tests end.
/// It can be stopped and started again on the same port, as an outage would.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    /// <summary>The address clients reach it at: loopback unless another was given (a bridge, for network-namespace tests).</summary>
    public string Address { get; init; } = "127.0.0.1";

    public string ConnectionString => $"{Address}:{Port}";

    public ValueTask InitializeAsync() => new(StartAsync());

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            (string[])["--port", Port.ToString(), "--bind", "127.0.0.1", .. Address == "127.0.0.1" ? [] : new[] { Address }, "--save", "", "--appendonly", "no", "--protected-mode", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start; install it with 'apt-get install -y redis-server'.");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"redis-server did not listen on port {Port} within 5 seconds.");
    }

    /// <summary>Freezes the server (SIGSTOP): it keeps its data but answers nothing, as behind a cut cable.</summary>
    public void Pause() => Signal(19);

    /// <summary>Wakes a frozen server (SIGCONT).</summary>
    public void Resume() => Signal(18);

    private void Signal(int signal)
    {
        if (_process is null || kill(_process.Id, signal) != 0) throw new InvalidOperationException($"Could not signal redis-server with {signal}.");
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>Kills the server (its data goes with it: nothing is persisted).</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
