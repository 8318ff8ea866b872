using System.Text.Json;
using ActorChat.Testing;

namespace ActorChat.Web.Tests;

/// <summary>
/// A tests/js script that drives Debian's Chromium with playwright-core. It prints one JSON line per step
/// and ends with <c>{"done": true, "problems": [...]}</c>; problems are console errors, uncaught exceptions
/// and failed requests the pages saw.
/// </summary>
public static class BrowserScript
{
    public const string Chromium = "/usr/bin/chromium";

    public static async Task<IReadOnlyDictionary<string, JsonElement>> RunAsync(string script, params string[] args)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/test installs Debian's chromium package.");
        await using var node = NodeClient.Start(script, args);
        var steps = new Dictionary<string, JsonElement>();
        while (true)
        {
            var line = await node.NextLineAsync(TimeSpan.FromSeconds(90));
            if (line.TryGetProperty("step", out var step))
            {
                steps[step.GetString()!] = line;
                continue;
            }
            Assert.True(line.GetProperty("done").GetBoolean(), $"The browser script failed after steps [{string.Join(", ", steps.Keys)}]: {line}");
            Assert.Empty(line.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
            return steps;
        }
    }

    public static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
