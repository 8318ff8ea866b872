using GraphQL;

namespace ActorChat.WebFront.GraphQL.Types;

/// <summary>
/// The bounds on text a mutation stores (titles, names, emails): 1 to <see cref="GraphQLOptions.MaxTextLength"/>
/// characters, checked before any grain is called, so oversized text never reaches the store.
/// </summary>
public sealed class TextArguments(int maxLength)
{
    /// <summary>The argument's text; an error when it is missing, blank or too long.</summary>
    public string Required(IResolveFieldContext context, string argument)
    {
        var text = context.GetArgument<string?>(argument);
        if (text is { Length: > 0 } && text.Length <= maxLength && string.IsNullOrWhiteSpace(text))
            throw new ExecutionError($"'{context.FieldDefinition.Name}' needs a '{argument}' that is not blank.") { Code = "BAD_ARGUMENT" };
        return Checked(context, argument, text);
    }

    /// <summary>The argument's text, or null when it is null; an error when it is empty or too long.</summary>
    public string? Optional(IResolveFieldContext context, string argument) =>
        context.GetArgument<string?>(argument) is { } text ? Checked(context, argument, text) : null;

    private string Checked(IResolveFieldContext context, string argument, string? text) =>
        text is { Length: > 0 } && text.Length <= maxLength
            ? text
            : throw new ExecutionError($"'{context.FieldDefinition.Name}' needs a '{argument}' of 1 to {maxLength} characters.") { Code = "BAD_ARGUMENT" };
}
