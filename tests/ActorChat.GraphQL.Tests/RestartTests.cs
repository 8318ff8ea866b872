using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ActorChat.Testing;

namespace ActorChat.GraphQL.Tests;

/// <summary>Data written through GraphQL survives the whole process being killed and started again (embedded store).</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actorchat-restart-").FullName;
    private readonly int _httpPort = FreePort.Next();
    private readonly List<Process> _started = [];

    [Fact]
    public async Task Seeded_and_added_rows_survive_a_killed_process_and_ids_keep_counting_up()
    {
        var seed = Launch("seed");
        Assert.True(seed.WaitForExit(TimeSpan.FromSeconds(60)), "the seed command did not finish within 60 s");
        Assert.Equal(0, seed.ExitCode);

        var first = Launch();
        await WaitUntilServingAsync();
        Assert.Equal("""{"data":{"addArticle":{"dbId":8}}}""",
            (await PostAsync("""mutation { addArticle(title: "Survivor", year: 2025) { dbId } }""")).ToJsonString());
        await PostAsync("""mutation { updateAuthor(id: 1, email: "li@new.example") { email } }""");
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync(TestContext.Current.CancellationToken);

        Launch();
        await WaitUntilServingAsync();
        Assert.Equal("""{"data":{"articles":{"title":"Survivor","year":2025},"authors":{"email":"li@new.example"},"authorArticles":[{"rank":2},{"rank":1},{"rank":1},{"rank":1}]}}""",
            (await PostAsync("{ articles(id: 8) { title year } authors(id: 1) { email } authorArticles(id: 2) { rank } }")).ToJsonString());
        Assert.Equal("""{"data":{"addArticle":{"dbId":9}}}""",
            (await PostAsync("""mutation { addArticle(title: "Next", year: 2025) { dbId } }""")).ToJsonString());
    }

    private Process Launch(params string[] command)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ActorChat.WebFront.dll"));
        foreach (var word in command) info.ArgumentList.Add(word);
        info.Environment["ActorChat__Storage__Provider"] = "Embedded";
        // A production-environment process needs authentication or an explicit anonymous opt-in.
        info.Environment["ActorChat__Auth__AllowAnonymous"] = "true";
        info.Environment["ActorChat__Storage__Embedded__DataFolder"] = Path.Combine(_folder, "data");
        info.Environment["ActorChat__Silo__SiloPort"] = FreePort.Next().ToString();
        info.Environment["ActorChat__Silo__GatewayPort"] = FreePort.Next().ToString();
        info.Environment["Urls"] = $"http://127.0.0.1:{_httpPort}";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_httpPort}";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _started.Add(process);
        return process;
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await PostAsync("{ ans }");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }
    }

    private async Task<JsonNode> PostAsync(string query)
    {
        using var client = new HttpClient();
        using var response = await client.PostAsync($"http://127.0.0.1:{_httpPort}/graphql",
            new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }
}
