using ActorChat.Silo.Configuration;
using ActorChat.WebFront.Hosting;

try
{
    await ActorChatApp.Build(args).RunAsync();
    return 0;
}
catch (InvalidConfigurationException ex)
{
    // Bad configuration is the operator's to fix: one sentence, no stack trace.
    Console.Error.WriteLine($"ActorChat cannot start: {ex.Message}");
    return 2;
}

/// <summary>The entry point, visible to tests that start the app in process.</summary>
public partial class Program;
