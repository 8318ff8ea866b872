namespace ActorChat.WebFront.GraphQL;

/// <summary>
/// <c>dotnet run --project src/WebFront -- seed</c>: starts the configured silo and storage, loads the tutorial's
/// sample data, and exits. Idempotent. Run it while the server is stopped: the embedded store is one process's file.
/// </summary>
public static class SampleDataCommand
{
    public const string Name = "seed";

    public static bool IsRequested(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Name;

    /// <summary>The arguments without the command word, for the host's configuration.</summary>
    public static string[] HostArguments(string[] args) => IsRequested(args) ? [.. args[1..], .. SeedSwitches] : args;

    // seed serves nothing, so it says nothing about serving ("Press Ctrl+C to shut down", the addresses) and
    // listens on a loopback port of its own, out of a running server's way. When it cannot start (the data folder
    // is held by a server), Program says why in one sentence; the host's own error with its stack trace is left out.
    private static readonly string[] SeedSwitches =
    [
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        "--Logging:LogLevel:ActorChat.WebFront=Warning",
        $"--Logging:LogLevel:{typeof(SampleDataCommand).FullName}=Information",
        "--Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host=None",
        "--urls=http://127.0.0.1:0",
    ];

    public static async Task RunAsync(IHost app)
    {
        await app.StartAsync();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SampleDataCommand));
        await SampleData.LoadAsync(app.Services.GetRequiredService<IGrainFactory>());
        logger.LogInformation("Sample data loaded: {Authors} authors, {Articles} articles, {Publications} publications",
            SampleData.Authors.Count, SampleData.Articles.Count, SampleData.Publications.Count);
        await app.StopAsync();
    }
}
