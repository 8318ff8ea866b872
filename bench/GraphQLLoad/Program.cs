using System.Diagnostics;
using System.Net;
using System.Text;

// A closed-loop GraphQL load generator: N clients each POST one query, wait for the answer, repeat,
// for a fixed time after a warm-up. Prints requests per second, latency percentiles and, given the server's
// process id, the CPU time the server used while measured.
//   GraphQLLoad --url http://127.0.0.1:5000/graphql --query author-articles --clients 32 --seconds 15 [--server-pid PID]

var settings = Settings.Parse(args);
if (settings.Subscribers > 0)
    return await FanOut.RunAsync(new Uri(settings.Url), settings.Subscribers, settings.Rate, settings.Seconds, settings.ServerPid, ServerCpuSeconds);
// Client i sends bodies[i]: the same query, except that "{client}" in it becomes i + 1 (a row of its own).
var bodies = Enumerable.Range(1, settings.Clients).Select(i => Queries.Body(settings.Query, i)).ToArray();
using var client = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = settings.Clients,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    AutomaticDecompression = DecompressionMethods.None,
});

// Check the answer once, so a broken server is not measured as a fast one.
var probe = await Send(client, settings.Url, bodies[0]);
if (!probe.Ok) throw new InvalidOperationException($"The server answered the probe with: {probe.Body}");
Console.WriteLine($"query {settings.Query}: {probe.Body.Length} bytes, e.g. {probe.Body[..Math.Min(160, probe.Body.Length)]}");

await Run(TimeSpan.FromSeconds(settings.WarmupSeconds), record: false);
var cpuBefore = ServerCpuSeconds(settings.ServerPid);
var (latencies, failures, elapsed) = await Run(TimeSpan.FromSeconds(settings.Seconds), record: true);
var serverCpu = ServerCpuSeconds(settings.ServerPid) - cpuBefore;

latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))] / (Stopwatch.Frequency / 1000.0);
Console.WriteLine($"clients {settings.Clients}, {elapsed.TotalSeconds:F1} s: {latencies.Count} ok, {failures} failed, " +
                  $"{latencies.Count / elapsed.TotalSeconds:F0} req/s, p50 {Percentile(0.50):F2} ms, p90 {Percentile(0.90):F2} ms, p99 {Percentile(0.99):F2} ms, max {Percentile(1):F2} ms" +
                  (settings.ServerPid is null ? "" : $", server CPU {serverCpu:F2} s ({serverCpu / elapsed.TotalSeconds * 100:F0}%), {latencies.Count / serverCpu:F0} req per server CPU s"));
return failures == 0 ? 0 : 1;

async Task<(List<long> Latencies, int Failures, TimeSpan Elapsed)> Run(TimeSpan duration, bool record)
{
    var stop = Stopwatch.StartNew();
    var perClient = await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(async index =>
    {
        var mine = new List<long>(capacity: 1 << 16);
        var failed = 0;
        while (stop.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await Send(client, settings.Url, bodies[index]);
            if (!result.Ok) failed++;
            else if (record) mine.Add(Stopwatch.GetTimestamp() - started);
        }
        return (mine, failed);
    }));
    return (perClient.SelectMany(c => c.mine).ToList(), perClient.Sum(c => c.failed), stop.Elapsed);
}

static async Task<(bool Ok, string Body)> Send(HttpClient client, string url, byte[] body)
{
    using var content = new ByteArrayContent(body);
    content.Headers.ContentType = new("application/json");
    using var response = await client.PostAsync(url, content);
    var text = await response.Content.ReadAsStringAsync();
    return (response.IsSuccessStatusCode && !text.Contains("\"errors\"", StringComparison.Ordinal), text);
}

// utime + stime of /proc/PID/stat (the 14th and 15th fields, counted after the parenthesised command name), in seconds.
static double ServerCpuSeconds(int? pid) =>
    pid is null ? 0 : File.ReadAllText($"/proc/{pid}/stat") is var stat && stat[(stat.LastIndexOf(')') + 2)..].Split(' ') is var fields
        ? (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0 : 0;

sealed record Settings(string Url, string Query, int Clients, int Seconds, int WarmupSeconds, int? ServerPid, int Subscribers, int Rate)
{
    public static Settings Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var at = Array.IndexOf(args, "--" + name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }
        return new(Get("url", "http://127.0.0.1:5000/graphql"), Get("query", "author-articles"),
            int.Parse(Get("clients", "32")), int.Parse(Get("seconds", "15")), int.Parse(Get("warmup", "5")),
            Get("server-pid", "") is { Length: > 0 } pid ? int.Parse(pid) : null,
            int.Parse(Get("subscribers", "0")), int.Parse(Get("rate", "20")));
    }
}

static class Queries
{
    public static byte[] Body(string name, int client) => Encoding.UTF8.GetBytes(Text(name).Replace("{client}", client.ToString()));

    private static string Text(string name) => name switch
    {
        // The tutorial's nested query.
        "author-articles" => """{"query":"{ authorArticles(id: 2) { authors { name } articles { title } rank } }"}""",
        // A page of 100 articles (the bench script adds them after the sample data).
        "articles-page" => """{"query":"{ allArticles(first: 100) { edges { node { id title year } } } }"}""",
        // No grain calls at all: the cost of HTTP and GraphQL alone, to compare against.
        "echo" => """{"query":"{ ans(a: \"str\", b: 3) }"}""",
        // The tutorial's mutation: a persisted write, answered once it is committed.
        "add-article" => """{"query":"mutation { addArticle(title: \"Bench article\", year: 2024) { dbId title } }"}""",
        // A persisted write to a row that exists, one row per client (the sample data and the bench's additions).
        "update-article" => """{"query":"mutation { updateArticle(id: {client}, year: 2025) { dbId year } }"}""",
        "add-author" => """{"query":"mutation { addAuthor(name: \"Bench author\", email: \"bench@example.com\") { dbId name } }"}""",
        "update-author" => """{"query":"mutation { updateAuthor(id: {client}, email: \"bench@example.com\") { dbId email } }"}""",
        _ => throw new ArgumentException($"Unknown query '{name}': use author-articles, articles-page, echo, add-article, update-article, add-author or update-author."),
    };
}
