using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.GraphQL.Documents;

/// <summary>
/// Which validation rules a request runs: a document seen for the first time gets the spec's rules plus the
/// depth and complexity limits; a document from <see cref="DocumentCache"/> passed them already and gets none
/// (its variables are still coerced and checked on every request). Set per request rather than through
/// GraphQL.NET's AddComplexityAnalyzer, which appends its rule to every execution, cached or not.
/// Introspection (only <c>__schema</c> / <c>__type</c> at the root) has limits of its own: the schema query that
/// tools such as GraphiQL send nests type references 15 levels deep and scores some 300,000, yet introspection
/// still needs a bound, since <c>fields { type { fields { type … } } }</c> grows exponentially with depth.
/// </summary>
public sealed class QueryValidation(IOptions<GraphQLOptions> options)
{
    private readonly IValidationRule[] _data = RulesWithLimits(options.Value.MaxDepth, options.Value.MaxComplexity);
    private readonly IValidationRule[] _introspection = RulesWithLimits(options.Value.MaxIntrospectionDepth, options.Value.MaxIntrospectionComplexity);

    public IEnumerable<IValidationRule> Rules(GraphQLDocument? document, bool cachedDocument) =>
        cachedDocument ? []
        : document is not null && IsIntrospectionOnly(document) ? _introspection
        : _data;

    private static IValidationRule[] RulesWithLimits(int maxDepth, int maxComplexity) =>
    [
        .. DocumentValidator.CoreRules,
        new ComplexityValidationRule(new ComplexityOptions { MaxDepth = maxDepth, MaxComplexity = maxComplexity }),
    ];

    private static bool IsIntrospectionOnly(GraphQLDocument document) =>
        document.Definitions.OfType<GraphQLOperationDefinition>().All(operation =>
            operation.SelectionSet.Selections.All(s => s is GraphQLField field && field.Name.StringValue.StartsWith("__", StringComparison.Ordinal)));
}
