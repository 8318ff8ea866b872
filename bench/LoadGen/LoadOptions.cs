namespace ActorChat.Bench;

/// <summary>
/// What one load run does; every value has a command-line switch of the same name. <c>--url</c> may list several
/// servers (comma-separated, the fronts of a cluster): each room's members are spread over them in turn.
/// </summary>
public sealed record LoadOptions(
    Uri[] Urls,
    int Clients,
    int Rooms,
    TimeSpan Duration,
    int RatePerRoom,
    ServerProcess[] Servers,
    string[] SourceAddresses,
    int ConnectConcurrency,
    string Protocol)
{
    public static LoadOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new LoadOptions(
            Get("url", "ws://127.0.0.1:5000/ws/chat").Split(',').Select(url => new Uri(url)).ToArray(),
            int.Parse(Get("clients", "1000")),
            int.Parse(Get("rooms", "10")),
            TimeSpan.FromSeconds(double.Parse(Get("seconds", "20"), System.Globalization.CultureInfo.InvariantCulture)),
            int.Parse(Get("rate", "20")),
            ServerProcess.ParseList(Get("server-pid", "")),
            Get("sources", "127.0.0.1").Split(','),
            int.Parse(Get("connect-concurrency", "64")),
            Get("protocol", "websocket"));
    }

    /// <summary>The server client <paramref name="index"/> connects to: client i is in room i % R, so taking the
    /// server by i / R puts consecutive members of one room on different servers.</summary>
    public Uri UrlFor(int index) => Urls[index / Rooms % Urls.Length];
}
