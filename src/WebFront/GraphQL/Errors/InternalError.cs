using GraphQL;

namespace ActorChat.WebFront.GraphQL.Errors;

/// <summary>
/// What a client hears when the server itself fails (a grain, the store, the runtime): that it failed, and a
/// correlation id to quote. The exception, with the same id, goes to the log; its type and message never reach
/// the client, since they name the store and the runtime and can carry data.
/// </summary>
public sealed class InternalError : ExecutionError
{
    public const string ErrorCode = "INTERNAL";

    private InternalError(string correlationId)
        : base($"The server failed to answer. The server log has the details under correlation id {correlationId}.")
    {
        Code = ErrorCode;
        this.AddExtension("correlationId", correlationId);
    }

    /// <summary>Logs the failure under a new correlation id and returns the error to answer in its place.</summary>
    public static InternalError Logged(ILogger logger, Exception failure, string? where)
    {
        var correlationId = Guid.NewGuid().ToString("N");
        logger.LogError(failure, "GraphQL {Where} failed; correlation id {CorrelationId}", where ?? "request", correlationId);
        return new InternalError(correlationId);
    }
}
