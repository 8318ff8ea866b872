using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ActorChat.GraphQL.Tests;

/// <summary>
/// Every write the server acknowledged survives <c>kill -9</c>, and nothing half-written appears: 32 clients add
/// articles as fast as they can, the process is killed in the middle, started again, and what it serves is checked
/// against what the clients were told, three times over.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private const int Clients = 32;
    private const int Rounds = 3;
    private readonly ServerProcess _server = new();

    [Fact]
    public async Task Acknowledged_articles_survive_kill_9_mid_write_and_no_half_written_one_appears()
    {
        var acknowledged = new ConcurrentDictionary<long, (string Title, int Year)>();
        await _server.StartAsync();
        for (var round = 1; round <= Rounds; round++)
        {
            var before = acknowledged.Count;
            await WriteUntilKilledAsync(round, acknowledged);
            Assert.True(acknowledged.Count - before >= 200, $"round {round}: only {acknowledged.Count - before} writes were acknowledged before the kill");

            await _server.StartAsync();
            await AssertServesExactlyAsync(acknowledged);
        }
        // Ids keep counting up past everything that was ever acknowledged.
        var next = (long)(await _server.PostAsync("""mutation { addArticle(title: "after", year: 1) { dbId } }"""))["data"]!["addArticle"]!["dbId"]!;
        Assert.True(next > acknowledged.Keys.Max());
    }

    // Each client adds articles titled "r{round}-c{client}-{n}" with year round * 100 + client, and records each answer.
    private async Task WriteUntilKilledAsync(int round, ConcurrentDictionary<long, (string Title, int Year)> acknowledged)
    {
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var (title, year) = ($"r{round}-c{client}-{n}", round * 100 + client);
                JsonNode answer;
                try
                {
                    answer = await _server.PostAsync($$"""mutation { addArticle(title: "{{title}}", year: {{year}}) { dbId title year } }""", stop.Token);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TaskCanceledException)
                {
                    return;
                }
                var added = answer["data"]!["addArticle"]!;
                Assert.Equal(title, (string?)added["title"]);
                Assert.True(acknowledged.TryAdd((long)added["dbId"]!, (title, year)), $"id {added["dbId"]} was given out twice");
            }
        })).ToArray();

        // Kill while every client has a request in flight.
        while (acknowledged.Count < 300 * round && started.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20);
        await _server.KillAsync();
        stop.Cancel();
        await Task.WhenAll(clients);
    }

    private async Task AssertServesExactlyAsync(ConcurrentDictionary<long, (string Title, int Year)> acknowledged)
    {
        // Every page of the listing: each row complete and consistent (its year follows from its title).
        var listed = new Dictionary<long, (string Title, int Year)>();
        string? after = null;
        int total;
        while (true)
        {
            var page = (await _server.PostAsync($$"""{ allArticles(first: 100{{(after is null ? "" : $", after: \"{after}\"")}}) { totalCount edges { cursor node { dbId title year } } pageInfo { hasNextPage } } }"""))["data"]!["allArticles"]!;
            total = (int)page["totalCount"]!;
            foreach (var edge in page["edges"]!.AsArray())
            {
                var node = edge!["node"]!;
                var row = ((string)node["title"]!, (int)node["year"]!);
                Assert.True(IsComplete(row), $"article {node["dbId"]} is not a row any client wrote: {node.ToJsonString()}");
                listed.Add((long)node["dbId"]!, row);
                after = (string)edge["cursor"]!;
            }
            if (!(bool)page["pageInfo"]!["hasNextPage"]!) break;
        }
        Assert.Equal(total, listed.Count);

        foreach (var (id, row) in acknowledged)
            Assert.True(listed.TryGetValue(id, out var found) && found == row, $"acknowledged article {id} {row} is served as {(listed.ContainsKey(id) ? found : "nothing")}");

        // Listed rows (acknowledged or cut off before their answer) read the same by id.
        foreach (var chunk in listed.Keys.Chunk(100))
        {
            var answer = await _server.PostAsync("{" + string.Concat(chunk.Select(id => $" a{id}: articles(id: {id}) {{ title year }}")) + " }");
            foreach (var id in chunk)
            {
                var byId = answer["data"]![$"a{id}"]!;
                Assert.Equal(listed[id], ((string)byId["title"]!, (int)byId["year"]!));
            }
        }
    }

    private static bool IsComplete((string Title, int Year) row) =>
        row.Title.Split('-') is [['r', .. var round], ['c', .. var client], var n]
        && int.TryParse(round, out var r) && int.TryParse(client, out var c) && int.TryParse(n, out _)
        && row.Year == r * 100 + c;

    public void Dispose() => _server.Dispose();
}
