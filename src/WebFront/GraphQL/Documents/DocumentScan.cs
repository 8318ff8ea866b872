using ActorChat.WebFront.Realtime;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace ActorChat.WebFront.GraphQL.Documents;

/// <summary>
/// One linear walk over a parsed document, before validation, for what validation would pay dearly for or let through:
/// <list type="bullet">
/// <item>the most directives any one place carries (a field, a fragment, an operation, a definition of the type system):
/// the spec's uniqueness rule compares every directive of a place with every other, so thousands of them cost seconds;</item>
/// <item>whether a string literal holds a lone surrogate: the request's JSON is checked for them already, but the query's
/// own escapes (<c>"\udc00"</c>) are decoded by the GraphQL parser, which lets one through. The spec makes it a syntax
/// error, and no encoder or store can write one out.</item>
/// </list>
/// </summary>
internal sealed class DocumentScan : ASTVisitor<DocumentScan.Result>
{
    private static readonly DocumentScan Instance = new();

    public static Result Of(GraphQLDocument document)
    {
        var result = new Result();
        // Every node is visited synchronously: this visitor never awaits anything.
        Instance.VisitAsync(document, result).AsTask().GetAwaiter().GetResult();
        return result;
    }

    protected override ValueTask VisitDirectivesAsync(GraphQLDirectives directives, Result result)
    {
        result.MaxDirectivesPerLocation = Math.Max(result.MaxDirectivesPerLocation, directives.Count);
        return base.VisitDirectivesAsync(directives, result);
    }

    protected override ValueTask VisitStringValueAsync(GraphQLStringValue stringValue, Result result)
    {
        if (!Names.IsWellFormed(stringValue.Value.Span)) result.HasLoneSurrogate = true;
        return ValueTask.CompletedTask;
    }

    internal sealed class Result : IASTVisitorContext
    {
        public int MaxDirectivesPerLocation { get; set; }
        public bool HasLoneSurrogate { get; set; }
        public CancellationToken CancellationToken => CancellationToken.None;
    }
}
