using GraphQL;

namespace ActorChat.WebFront.GraphQL.Errors;

/// <summary>Errors about the request itself (not a field), with the codes clients match on.</summary>
public static class RequestErrors
{
    /// <summary>At most this many errors are answered; a query that breaks every rule a thousand times gets the first ones and a count.</summary>
    public const int MaxAnswered = 100;

    public static ExecutionError BadRequest(string message) => new(message) { Code = "BAD_REQUEST" };

    /// <summary>The errors to answer: all of them, or the first <see cref="MaxAnswered"/> and one saying how many more there were.</summary>
    public static ExecutionErrors? Bounded(ExecutionErrors? errors)
    {
        if (errors is null || errors.Count <= MaxAnswered) return errors;
        var kept = new ExecutionErrors();
        kept.AddRange(errors.Take(MaxAnswered));
        kept.Add(new ExecutionError($"{errors.Count - MaxAnswered} more errors were left out.") { Code = "TOO_MANY_ERRORS" });
        return kept;
    }
}
