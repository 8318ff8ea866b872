using System.Collections.Concurrent;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.GraphQL.Documents;

/// <summary>
/// Parsed documents that once passed validation, by query text, so a repeated query skips parsing and
/// validation. Bounded: once full, new documents are used but not kept (clients repeat a few queries).
/// </summary>
public sealed class DocumentCache(IOptions<GraphQLOptions> options)
{
    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);
    private readonly int _capacity = options.Value.DocumentCacheSize;

    public GraphQLDocument? Find(string query) => _documents.GetValueOrDefault(query);

    public void Keep(string query, GraphQLDocument document)
    {
        if (_documents.Count < _capacity) _documents.TryAdd(query, document);
    }
}
