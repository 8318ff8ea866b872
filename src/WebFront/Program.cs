using ActorChat.Hosting;
using ActorChat.WebFront.GraphQL;
using ActorChat.WebFront.Hosting;

return await ActorChatProcess.RunAsync(
    () => ActorChatApp.Build(SampleDataCommand.HostArguments(args)),
    app => SampleDataCommand.IsRequested(args) ? SampleDataCommand.RunAsync(app) : app.RunAsync());

/// <summary>The entry point, visible to tests that start the app in process.</summary>
public partial class Program;
