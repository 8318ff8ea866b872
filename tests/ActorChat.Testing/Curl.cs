using System.Diagnostics;

namespace ActorChat.Testing;

/// <summary>The curl command line tool, as a person would type it; the test command's machine has it.</summary>
public static class Curl
{
    /// <summary>Runs curl with these arguments and returns what it wrote to standard output.</summary>
    public static async Task<string> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--silent", "--show-error", "--max-time", "30", .. args]) start.ArgumentList.Add(arg);
        using var curl = Process.Start(start)!;
        var output = curl.StandardOutput.ReadToEndAsync();
        var error = curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (curl.ExitCode != 0) throw new InvalidOperationException($"curl {string.Join(' ', args)} failed ({curl.ExitCode}): {await error}");
        return await output;
    }

    /// <summary>The HTTP version and status of one request, for example <c>"2 200"</c> or <c>"1.1 200"</c>.</summary>
    public static async Task<string> VersionAndStatusAsync(params string[] args) =>
        await RunAsync([.. args, "--output", "/dev/null", "--write-out", "%{http_version} %{http_code}"]);
}
