using System.Diagnostics;
using System.Net;
using System.Text;

// A closed-loop GraphQL load generator: N clients each POST one query, wait for the answer, repeat,
// for a fixed time after a warm-up. Prints requests per second and latency percentiles.
//   GraphQLLoad --url http://127.0.0.1:5000/graphql --query author-articles --clients 32 --seconds 15

var settings = Settings.Parse(args);
var body = Queries.Body(settings.Query);
using var client = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = settings.Clients,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    AutomaticDecompression = DecompressionMethods.None,
});

// Check the answer once, so a broken server is not measured as a fast one.
var probe = await Send(client, settings.Url, body);
if (!probe.Ok) throw new InvalidOperationException($"The server answered the probe with: {probe.Body}");
Console.WriteLine($"query {settings.Query}: {probe.Body.Length} bytes, e.g. {probe.Body[..Math.Min(160, probe.Body.Length)]}");

await Run(TimeSpan.FromSeconds(settings.WarmupSeconds), record: false);
var (latencies, failures, elapsed) = await Run(TimeSpan.FromSeconds(settings.Seconds), record: true);

latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))] / (Stopwatch.Frequency / 1000.0);
Console.WriteLine($"clients {settings.Clients}, {elapsed.TotalSeconds:F1} s: {latencies.Count} ok, {failures} failed, " +
                  $"{latencies.Count / elapsed.TotalSeconds:F0} req/s, p50 {Percentile(0.50):F2} ms, p90 {Percentile(0.90):F2} ms, p99 {Percentile(0.99):F2} ms, max {Percentile(1):F2} ms");
return failures == 0 ? 0 : 1;

async Task<(List<long> Latencies, int Failures, TimeSpan Elapsed)> Run(TimeSpan duration, bool record)
{
    var stop = Stopwatch.StartNew();
    var perClient = await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(async _ =>
    {
        var mine = new List<long>(capacity: 1 << 16);
        var failed = 0;
        while (stop.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await Send(client, settings.Url, body);
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

sealed record Settings(string Url, string Query, int Clients, int Seconds, int WarmupSeconds)
{
    public static Settings Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var at = Array.IndexOf(args, "--" + name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }
        return new(Get("url", "http://127.0.0.1:5000/graphql"), Get("query", "author-articles"),
            int.Parse(Get("clients", "32")), int.Parse(Get("seconds", "15")), int.Parse(Get("warmup", "5")));
    }
}

static class Queries
{
    public static byte[] Body(string name) => Encoding.UTF8.GetBytes(name switch
    {
        // The tutorial's nested query (SCENARIOS.md §5).
        "author-articles" => """{"query":"{ authorArticles(id: 2) { authors { name } articles { title } rank } }"}""",
        // A page of 100 articles (the bench script adds them after the sample data).
        "articles-page" => """{"query":"{ allArticles(first: 100) { edges { node { id title year } } } }"}""",
        // No grain calls at all: the cost of HTTP and GraphQL alone, to compare against.
        "echo" => """{"query":"{ ans(a: \"str\", b: 3) }"}""",
        _ => throw new ArgumentException($"Unknown query '{name}': use author-articles, articles-page or echo."),
    });
}
