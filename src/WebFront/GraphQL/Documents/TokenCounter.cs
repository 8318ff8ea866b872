using GraphQLParser;

namespace ActorChat.WebFront.GraphQL.Documents;

/// <summary>Counts a query's lexical tokens (comments included) without building anything, stopping past a limit.</summary>
internal static class TokenCounter
{
    /// <summary>The number of tokens, or <paramref name="limit"/> + 1 as soon as there are more than that.</summary>
    /// <exception cref="GraphQLParser.Exceptions.GraphQLSyntaxErrorException">The text holds something that is no token.</exception>
    public static int Count(string query, int limit)
    {
        var count = 0;
        var at = 0;
        while (count <= limit)
        {
            var token = Lexer.Lex(query, at);
            if (token.Kind == TokenKind.EOF) break;
            count++;
            at = token.End;
        }
        return count;
    }
}
