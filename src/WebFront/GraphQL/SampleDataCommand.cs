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
    public static string[] HostArguments(string[] args) => IsRequested(args) ? args[1..] : args;

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
