using ActorChat.WebFront.Realtime;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace ActorChat.WebFront.GraphQL.Documents;

/// <summary>
/// Whether every string literal of a document is valid Unicode. The request body's JSON is checked for lone surrogate
/// escapes already, but the query's own escapes (<c>"\udc00"</c>) are decoded by the GraphQL parser, which lets a lone
/// surrogate through; the spec makes it a syntax error, and no encoder or store can write one out.
/// </summary>
internal sealed class UnicodeCheck : ASTVisitor<UnicodeCheck.Context>
{
    private static readonly UnicodeCheck Instance = new();

    public static bool IsWellFormed(GraphQLDocument document)
    {
        var context = new Context();
        // Every node is visited synchronously: this visitor never awaits anything.
        Instance.VisitAsync(document, context).AsTask().GetAwaiter().GetResult();
        return !context.LoneSurrogate;
    }

    protected override ValueTask VisitStringValueAsync(GraphQLStringValue stringValue, Context context)
    {
        if (!Names.IsWellFormed(stringValue.Value.Span)) context.LoneSurrogate = true;
        return ValueTask.CompletedTask;
    }

    internal sealed class Context : IASTVisitorContext
    {
        public bool LoneSurrogate { get; set; }
        public CancellationToken CancellationToken => CancellationToken.None;
    }
}
