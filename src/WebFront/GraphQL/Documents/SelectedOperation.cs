using GraphQLParser.AST;

namespace ActorChat.WebFront.GraphQL.Documents;

/// <summary>Which operation of a document a request runs, as the spec picks it.</summary>
public static class SelectedOperation
{
    /// <summary>The operation named <paramref name="operationName"/>, or the only one; null when there is no such choice.</summary>
    public static OperationType? Of(GraphQLDocument? document, string? operationName)
    {
        var operations = document?.Definitions.OfType<GraphQLOperationDefinition>().ToList() ?? [];
        var chosen = operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        return chosen?.Operation;
    }
}
