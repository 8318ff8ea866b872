namespace ActorChat.Bench;

/// <summary>What one load run does; every value has a command-line switch of the same name.</summary>
public sealed record LoadOptions(
    Uri Url,
    int Clients,
    int Rooms,
    TimeSpan Duration,
    int RatePerRoom,
    int? ServerPid,
    string[] SourceAddresses,
    int ConnectConcurrency)
{
    public static LoadOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new LoadOptions(
            new Uri(Get("url", "ws://127.0.0.1:5000/ws/chat")),
            int.Parse(Get("clients", "1000")),
            int.Parse(Get("rooms", "10")),
            TimeSpan.FromSeconds(double.Parse(Get("seconds", "20"), System.Globalization.CultureInfo.InvariantCulture)),
            int.Parse(Get("rate", "20")),
            Get("server-pid", "") is { Length: > 0 } pid ? int.Parse(pid) : null,
            Get("sources", "127.0.0.1").Split(','),
            int.Parse(Get("connect-concurrency", "64")));
    }
}
