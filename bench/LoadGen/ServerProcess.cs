namespace ActorChat.Bench;

/// <summary>
/// A server process the run measures, read from /proc: CPU time (utime + stime) and resident memory. A cluster run
/// names several (<c>--server-pid front1:123,silo1:456</c>); the report gives each its CPU seconds.
/// </summary>
public sealed record ServerProcess(string Name, int Pid)
{
    /// <summary>Parses <c>PID</c> or <c>NAME:PID</c>, comma-separated; an unnamed process is called "server".</summary>
    public static ServerProcess[] ParseList(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(entry => entry.Split(':') is [var name, var pid] ? new ServerProcess(name, int.Parse(pid)) : new ServerProcess("server", int.Parse(entry)))
        .ToArray();

    // Fields 14 and 15 of /proc/PID/stat, after the parenthesised command name, in clock ticks (100 per second).
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    public long RssKb()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
}
