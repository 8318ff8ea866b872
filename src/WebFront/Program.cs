using ActorChat.Hosting.Configuration;
using ActorChat.WebFront.GraphQL;
using ActorChat.WebFront.Hosting;
using Microsoft.AspNetCore.Connections;

try
{
    await using var app = ActorChatApp.Build(SampleDataCommand.HostArguments(args));
    if (SampleDataCommand.IsRequested(args)) await SampleDataCommand.RunAsync(app);
    else await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is InvalidConfigurationException || ex.InnerException is AddressInUseException)
{
    // Bad configuration or a taken port is the operator's to fix: one sentence, no stack trace.
    Console.Error.WriteLine($"ActorChat cannot start: {ex.Message}");
    return 2;
}

/// <summary>The entry point, visible to tests that start the app in process.</summary>
public partial class Program;
