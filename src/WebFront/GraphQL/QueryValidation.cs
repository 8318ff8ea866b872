using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.GraphQL;

/// <summary>
/// Which validation rules a request runs: a document seen for the first time gets the spec's rules plus the
/// depth and complexity limits; a document from <see cref="DocumentCache"/> passed them already and gets none
/// (its variables are still coerced and checked on every request). Set per request rather than through
/// GraphQL.NET's AddComplexityAnalyzer, which appends its rule to every execution, cached or not.
/// </summary>
public sealed class QueryValidation(IOptions<GraphQLOptions> options)
{
    private readonly IValidationRule[] _firstSight =
    [
        .. DocumentValidator.CoreRules,
        new ComplexityValidationRule(new ComplexityOptions
        {
            MaxDepth = options.Value.MaxDepth,
            MaxComplexity = options.Value.MaxComplexity,
        }),
    ];

    public IEnumerable<IValidationRule> Rules(bool cachedDocument) => cachedDocument ? [] : _firstSight;
}
