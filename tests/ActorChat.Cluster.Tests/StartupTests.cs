using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using ActorChat.Testing;
using Xunit;

namespace ActorChat.Cluster.Tests;

/// <summary>Starting without Redis, and the script that starts a whole local cluster.</summary>
public sealed class StartupTests
{
    private static Dictionary<string, string> RedisAt(string connectionString) => new()
    {
        ["ActorChat__Cluster__Provider"] = "Redis",
        ["ActorChat__Cluster__Redis__ConnectionString"] = connectionString,
        ["ActorChat__Storage__Provider"] = "Redis",
        ["ActorChat__Storage__Redis__ConnectionString"] = connectionString,
        ["ActorChat__Auth__AllowAnonymous"] = "true",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    [Fact]
    public async Task A_silo_that_cannot_reach_redis_exits_with_code_2_and_one_sentence_naming_the_option()
    {
        var nowhere = $"127.0.0.1:{FreePort.Next()}";
        await using var silo = ServerProcess.Silo("silo", RedisAt(nowhere));
        var started = DateTime.UtcNow;
        await silo.WaitExitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.Equal(2, silo.ExitCode);
        var sentence = Assert.Single(silo.Output.Split('\n'), l => l.StartsWith("ActorChat cannot start:", StringComparison.Ordinal));
        Assert.Contains("ActorChat:Cluster:Redis:ConnectionString", sentence);
        Assert.Contains(nowhere, sentence);
    }

    [Fact]
    public async Task A_front_started_before_redis_is_alive_but_unready_and_becomes_ready_once_redis_and_a_silo_are_up()
    {
        var redis = new RedisServer();
        var environment = RedisAt(redis.ConnectionString);
        await using var front = ServerProcess.Front("front", environment);
        await Clients.EventuallyAsync(TimeSpan.FromSeconds(30), async () => (await front.ReadinessAsync("healthz")).Status == HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var (ready, report) = await front.ReadinessAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("not ready", report!.Value.GetProperty("status").GetString());
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(front.Ws("ws/chat"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, socket.HttpStatusCode);

        await redis.StartAsync();
        await using var silo = ServerProcess.Silo("silo", environment);
        await silo.WaitReadyAsync();
        var up = DateTime.UtcNow;
        await front.WaitReadyAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(DateTime.UtcNow - up, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        await using var client = await Clients.WebSocketAsync(front, "late");
        Assert.Equal(WebSocketState.Open, client.State);
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task The_cluster_script_starts_redis_two_silos_and_two_fronts_all_ready_and_stops_exactly_them()
    {
        var state = Directory.CreateTempSubdirectory("actorchat-cluster-script-").FullName;
        try
        {
            var (code, output) = await RunScriptAsync(state, "up");
            Assert.True(code == 0, output);
            var fronts = Regex.Matches(output, @"^front (\S+) (http://127\.0\.0\.1:\d+)$", RegexOptions.Multiline);
            Assert.Equal(2, fronts.Count);
            using var http = new HttpClient();
            foreach (Match front in fronts)
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(front.Groups[2].Value + "/readyz")).StatusCode);
            var pids = Directory.GetFiles(state, "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim())).ToList();
            Assert.Equal(5, pids.Count);

            (code, output) = await RunScriptAsync(state, "down");
            Assert.True(code == 0, output);
            Assert.All(pids, pid => Assert.False(IsRunning(pid), $"Process {pid} still runs after 'down'."));
        }
        finally
        {
            await RunScriptAsync(state, "down");
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>The process exists and is not a zombie (exited, waiting for its parent to reap it).</summary>
    private static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(") ")[^1].Split(' ')[0] != "Z";

    private static async Task<(int Code, string Output)> RunScriptAsync(string state, string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFolders.Root };
        start.ArgumentList.Add(Path.Combine(RepositoryFolders.Root, "scripts", "cluster.sh"));
        start.ArgumentList.Add(command);
        start.Environment["ACTORCHAT_CLUSTER_DIR"] = state;
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (script.ExitCode, await output + await errors);
    }
}
