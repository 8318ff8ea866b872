using System.Globalization;
using ActorChat.Publishing;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.GraphQL.Types;

public sealed class QueryType : ObjectGraphType
{
    public QueryType(IGrainFactory grains, IOptions<GraphQLOptions> options)
    {
        Name = "Query";
        var maxPageSize = options.Value.MaxPageSize;

        Field<StringGraphType>("ans")
            .Description("Echoes its arguments the way the tutorial's Python resolver printed its keyword arguments.")
            .Argument<StringGraphType>("a")
            .Argument<IntGraphType>("b")
            .Resolve(c => PythonDict(c.Arguments?.Where(a => a.Value.Source != ArgumentSource.FieldDefault && a.Value.Value is not null)
                .Select(a => (a.Key, a.Value.Value!)) ?? []));

        Field<AuthorsNodeType>("authors")
            .Description("The author with this id.")
            .Argument<IntGraphType>("id")
            .Resolve(c => c.Loaders().Author(RequiredId(c)));

        Field<ArticlesNodeType>("articles")
            .Description("The article with this id.")
            .Argument<IntGraphType>("id")
            .Resolve(c => c.Loaders().Article(RequiredId(c)));

        Field<ListGraphType<PublishNodeType>>("authorArticles")
            .Description("The credits of the author with this id, by article id.")
            .Argument<IntGraphType>("id")
            .ResolveAsync(async c =>
            {
                var id = RequiredId(c);
                var credits = await c.Loaders().PublicationsOfAuthor(id).GetResultAsync(c.CancellationToken);
                // Only an author without credits costs a second look, to tell "none yet" from "no such author".
                if (credits is not { Count: > 0 }) _ = await c.Loaders().Author(id).GetResultAsync(c.CancellationToken);
                return credits;
            });

        Field<NodeInterface>("node")
            .Description("Any object by its global id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(c => Node(c, c.GetArgument<string>("id")));

        PageField<AuthorsNodeType, Author>(grains, "allAuthors", "All authors by id, a page at a time.", maxPageSize);
        PageField<ArticlesNodeType, Article>(grains, "allArticles", "All articles by id, a page at a time.", maxPageSize);
    }

    private void PageField<TNodeType, TRow>(IGrainFactory grains, string name, string description, int maxPageSize)
        where TNodeType : IGraphType where TRow : class, IRow =>
        Field<ConnectionType<TNodeType>>(name)
            .Description(description)
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => Paging.Connection(await grains.Catalog<TRow>()
                .PageAsync(Paging.After(c.GetArgument<string?>("after")), Paging.First(c.GetArgument<int?>("first"), maxPageSize))));

    private static long RequiredId(IResolveFieldContext context) =>
        context.GetArgument<int?>("id") ?? throw new ExecutionError($"'{context.FieldDefinition.Name}' needs an 'id'.") { Code = "BAD_ARGUMENT" };

    private static object? Node(IResolveFieldContext context, string globalId)
    {
        var loaders = context.Loaders();
        if (GlobalId.TryDecode(globalId, out var type, out var local))
        {
            if (type == AuthorsNodeType.TypeName && long.TryParse(local, out var authorId)) return loaders.Author(authorId);
            if (type == ArticlesNodeType.TypeName && long.TryParse(local, out var articleId)) return loaders.Article(articleId);
            if (type == PublishNodeType.TypeName && local.Split(',') is [var a, var b]
                && long.TryParse(a, out var byAuthor) && long.TryParse(b, out var ofArticle))
                return loaders.PublicationOf(byAuthor, ofArticle);
        }
        throw new ExecutionError($"'{globalId}' is not the id of any object here.") { Code = "NOT_FOUND" };
    }

    // str(kwargs) in Python: {'a': 'str', 'b': 3}
    private static string PythonDict(IEnumerable<(string Key, object Value)> arguments) =>
        "{" + string.Join(", ", arguments.Select(a => $"{PythonRepr(a.Key)}: {PythonRepr(a.Value)}")) + "}";

    private static string PythonRepr(object value) => value switch
    {
        string s => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "None",
    };
}
