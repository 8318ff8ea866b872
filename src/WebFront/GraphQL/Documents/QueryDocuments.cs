using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.GraphQL.Documents;

/// <summary>A query's parsed document, or why it is refused; <see cref="Cached"/> documents passed validation before.</summary>
public sealed record DocumentRead(GraphQLDocument? Document, bool Cached, ExecutionError? Error);

/// <summary>
/// Turns query text into a document worth validating, or refuses it with an error that names the limit. Validation
/// and execution cost far more than the text's size in some shapes (repeated directives, same-named fields,
/// fragments spread into each other), so every bound that keeps them cheap is checked first, each in linear time:
/// length, then tokens, then parsing (nesting is capped by the parser), then the Unicode of its strings, directives per place, fields once
/// fragments are spread, and pairs of fields to merge. A document from <see cref="DocumentCache"/> passed all of it.
/// </summary>
public sealed class QueryDocuments(DocumentCache cache, IOptions<GraphQLOptions> options)
{
    /// <summary>How deep the parser lets syntax nest (AST nodes, so about a third of that in fields).</summary>
    public const int MaxParserDepth = 128;

    private const string Section = GraphQLOptions.Section;

    public DocumentRead Read(string query)
    {
        if (cache.Find(query) is { } known) return new DocumentRead(known, Cached: true, Error: null);
        var limits = options.Value;
        if (query.Length > limits.MaxQueryLength)
            return Refused("QUERY_TOO_LONG", $"The query is {query.Length} characters long; {Section}:MaxQueryLength allows {limits.MaxQueryLength}.");

        GraphQLDocument document;
        try
        {
            if (TokenCounter.Count(query, limits.MaxTokens) > limits.MaxTokens)
                return Refused("TOO_MANY_TOKENS", $"The query has more than {limits.MaxTokens} tokens, the most {Section}:MaxTokens allows.");
            document = Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = MaxParserDepth });
        }
        catch (GraphQLSyntaxErrorException e)
        {
            return new DocumentRead(null, false, new SyntaxError(e));
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return Refused("QUERY_TOO_DEEP", $"The query nests deeper than the parser allows ({MaxParserDepth} levels of syntax).");
        }

        var scan = DocumentScan.Of(document);
        if (scan.HasLoneSurrogate)
            return Refused("INVALID_UNICODE", "A string in the query is not valid Unicode: it has a lone surrogate escape.");
        var directives = scan.MaxDirectivesPerLocation;
        if (directives > limits.MaxDirectivesPerLocation)
            return Refused("TOO_MANY_DIRECTIVES",
                $"The query puts {directives} directives on one place; {Section}:MaxDirectivesPerLocation allows {limits.MaxDirectivesPerLocation}.");

        var expansion = FieldExpansion.Measure(document, limits.MaxFields, limits.MaxFieldMerges);
        if (expansion.Fields > limits.MaxFields)
            return Refused("TOO_MANY_FIELDS",
                $"The query selects more than {limits.MaxFields} fields once its fragments are spread, the most {Section}:MaxFields allows.");
        if (expansion.Merges > limits.MaxFieldMerges)
            return Refused("TOO_MANY_FIELD_MERGES",
                $"The query repeats fields (or spreads fragments) side by side more than {Section}:MaxFieldMerges allows ({limits.MaxFieldMerges} pairs to merge).");
        return new DocumentRead(document, false, null);
    }

    /// <summary>Keeps a document that passed validation, so the next request with the same text skips all of this.</summary>
    public void Passed(string query, DocumentRead read)
    {
        if (!read.Cached && read.Document is not null) cache.Keep(query, read.Document);
    }

    private static DocumentRead Refused(string code, string message) => new(null, false, new ExecutionError(message) { Code = code });
}
