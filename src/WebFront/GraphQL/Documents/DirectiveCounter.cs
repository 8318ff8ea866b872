using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace ActorChat.WebFront.GraphQL.Documents;

/// <summary>
/// The most directives any one place of a document carries (a field, a fragment, an operation, a definition of the
/// type system). The spec's uniqueness rule compares every directive of a place with every other, so a place with
/// thousands of them costs seconds; this count is linear and runs before validation.
/// </summary>
internal sealed class DirectiveCounter : ASTVisitor<DirectiveCounter.Context>
{
    private static readonly DirectiveCounter Instance = new();

    public static int MaxPerLocation(GraphQLDocument document)
    {
        var context = new Context();
        // Every node is visited synchronously: this visitor never awaits anything.
        Instance.VisitAsync(document, context).AsTask().GetAwaiter().GetResult();
        return context.Max;
    }

    protected override ValueTask VisitDirectivesAsync(GraphQLDirectives directives, Context context)
    {
        context.Max = Math.Max(context.Max, directives.Count);
        return ValueTask.CompletedTask;
    }

    internal sealed class Context : IASTVisitorContext
    {
        public int Max { get; set; }
        public CancellationToken CancellationToken => CancellationToken.None;
    }
}
