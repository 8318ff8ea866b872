using ActorChat.Hosting.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;

namespace ActorChat.Hosting;

/// <summary>The entry point both process kinds share: what an operator must fix ends the process with one sentence.</summary>
public static class ActorChatProcess
{
    /// <summary>
    /// Builds and runs an app. Bad configuration, a taken port or an unreachable cluster store ends
    /// it with one sentence on stderr (no stack trace) and exit code 2.
    /// </summary>
    public static async Task<int> RunAsync(Func<WebApplication> build, Func<WebApplication, Task>? run = null)
    {
        try
        {
            await using var app = build();
            await (run ?? (a => a.RunAsync()))(app);
            return 0;
        }
        catch (Exception ex) when (OperatorProblem(ex) is { } problem)
        {
            Console.Error.WriteLine($"ActorChat cannot start: {problem}");
            return 2;
        }
    }

    private static string? OperatorProblem(Exception ex) => ex switch
    {
        InvalidConfigurationException => ex.Message,
        _ when ex.InnerException is AddressInUseException => ex.Message,
        AddressInUseException => ex.Message,
        AggregateException { InnerExceptions: [var only] } => OperatorProblem(only),
        _ => null,
    };
}
