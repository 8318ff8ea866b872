using System.Diagnostics;

namespace ActorChat.Cluster.Tests;

/// <summary>Where a process runs: the address it listens on and advertises, and its network namespace (null: this host's).</summary>
public sealed record Placement(string Address, string? Namespace = null)
{
    public static readonly Placement Loopback = new("127.0.0.1");
}

/// <summary>
/// Hosts made of network namespaces on one bridge, each with its own address, so that one of them can
/// be cut off from the others (its link taken down) as a network partition would. Needs root and
/// <c>ip netns</c>; the kernel needs no netem.
/// </summary>
public sealed class NetworkHosts : IAsyncDisposable
{
    private readonly int _subnet = Random.Shared.Next(20, 250);
    private readonly List<(string Namespace, string Link)> _hosts = [];

    private NetworkHosts() { }

    private string Bridge => $"acb{_subnet}";

    /// <summary>This host's own address on the bridge, where Redis and processes outside any namespace listen.</summary>
    public Placement Root => new($"10.{_subnet}.0.1");

    /// <summary>Null when network namespaces cannot be made here (not root, or no <c>ip netns</c>), with the reason.</summary>
    public static string? Unavailable()
    {
        if (Environment.UserName != "root") return "network namespaces need root";
        var probe = $"acprobe{Environment.ProcessId % 10000}";
        var (code, output) = Run("ip", "netns", "add", probe);
        if (code != 0) return $"'ip netns add' failed: {output}";
        Run("ip", "netns", "del", probe);
        return null;
    }

    public static NetworkHosts Create()
    {
        var hosts = new NetworkHosts();
        Must("ip", "link", "add", hosts.Bridge, "type", "bridge");
        Must("ip", "addr", "add", $"{hosts.Root.Address}/24", "dev", hosts.Bridge);
        Must("ip", "link", "set", hosts.Bridge, "up");
        return hosts;
    }

    /// <summary>A new host: a namespace with one link to the bridge and its own address.</summary>
    public Placement Host()
    {
        var n = _hosts.Count + 1;
        var (ns, inside, link) = ($"acn{_subnet}x{n}", $"acv{_subnet}x{n}", $"acv{_subnet}x{n}b");
        Must("ip", "netns", "add", ns);
        Must("ip", "link", "add", inside, "type", "veth", "peer", "name", link);
        Must("ip", "link", "set", inside, "netns", ns);
        Must("ip", "link", "set", link, "master", Bridge);
        Must("ip", "link", "set", link, "up");
        var address = $"10.{_subnet}.0.{10 + n}";
        Must("ip", "netns", "exec", ns, "ip", "addr", "add", $"{address}/24", "dev", inside);
        Must("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
        Must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        _hosts.Add((ns, link));
        return new Placement(address, ns);
    }

    /// <summary>Cuts a host off: its link to the bridge goes down, so nothing reaches it and it reaches nothing.</summary>
    public void Partition(Placement host) => Must("ip", "link", "set", LinkOf(host), "down");

    public void Heal(Placement host) => Must("ip", "link", "set", LinkOf(host), "up");

    /// <summary>Runs a command inside a host (for example curl of its own loopback while it is cut off).</summary>
    public static (int Code, string Output) RunIn(Placement host, params string[] command) =>
        host.Namespace is null ? Run(command[0], command[1..]) : Run("ip", ["netns", "exec", host.Namespace, .. command]);

    private string LinkOf(Placement host) => _hosts.Single(h => h.Namespace == host.Namespace).Link;

    public ValueTask DisposeAsync()
    {
        foreach (var (ns, link) in _hosts)
        {
            Run("ip", "link", "del", link);
            Run("ip", "netns", "del", ns);
        }
        Run("ip", "link", "del", Bridge);
        return ValueTask.CompletedTask;
    }

    private static void Must(string file, params string[] args)
    {
        var (code, output) = Run(file, args);
        if (code != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {output}");
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
