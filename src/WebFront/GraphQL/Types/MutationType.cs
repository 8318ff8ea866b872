using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChat.Publishing;
using ActorChat.WebFront.GraphQL.DataLoading;
using ActorChat.WebFront.GraphQL.EventModel;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.GraphQL.Types;

public sealed class MutationType : ObjectGraphType
{
    public MutationType(IGrainFactory grains, RoomEmitter emitter, IOptions<GraphQLOptions> options)
    {
        Name = "Mutation";
        var text = new TextArguments(options.Value.MaxTextLength);
        // Resolved once: Orleans resolves a generic grain interface by reflection on every GetGrain.
        var articles = grains.Catalog<Article>();
        var authors = grains.Catalog<Author>();

        Field<ArticlesNodeType>("addArticle")
            .Description("Adds an article under the next free id.")
            .Argument<StringGraphType>("title")
            .Argument<IntGraphType>("year")
            .ResolveAsync(async c =>
            {
                var title = text.Required(c, "title");
                return await articles.CreateAsync(new Article(0, title, c.GetArgument<int?>("year")));
            });

        Field<ArticlesNodeType>("updateArticle")
            .Description("Changes the title and/or year of an article; arguments left out keep their value.")
            .Argument<NonNullGraphType<IntGraphType>>("id")
            .Argument<StringGraphType>("title")
            .Argument<IntGraphType>("year")
            .ResolveAsync(async c =>
            {
                var title = c.HasArgument("title") ? text.Required(c, "title") : null;
                var article = grains.GetGrain<IArticleGrain>(c.GetArgument<int>("id"));
                var current = await article.GetAsync() ?? throw NotFound.Article(c.GetArgument<int>("id"));
                return await article.SetAsync(title ?? current.Title, c.HasArgument("year") ? c.GetArgument<int?>("year") : current.Year);
            });

        Field<ArticlesNodeType>("deleteArticle")
            .Description("Deletes an article and its credits; returns the article as it was.")
            .Argument<NonNullGraphType<IntGraphType>>("id")
            .ResolveAsync(async c => await grains.GetGrain<IArticleGrain>(c.GetArgument<int>("id")).DeleteAsync()
                ?? throw NotFound.Article(c.GetArgument<int>("id")));

        Field<AuthorsNodeType>("addAuthor")
            .Description("Adds an author under the next free id.")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Argument<StringGraphType>("email")
            .ResolveAsync(async c =>
            {
                var name = text.Required(c, "name");
                return await authors.CreateAsync(new Author(0, name, text.Optional(c, "email")));
            });

        Field<AuthorsNodeType>("updateAuthor")
            .Description("Changes the name and/or email of an author; arguments left out keep their value.")
            .Argument<NonNullGraphType<IntGraphType>>("id")
            .Argument<StringGraphType>("name")
            .Argument<StringGraphType>("email")
            .ResolveAsync(async c =>
            {
                var name = c.HasArgument("name") ? text.Required(c, "name") : null;
                var (emailGiven, email) = (c.HasArgument("email"), text.Optional(c, "email"));
                var author = grains.GetGrain<IAuthorGrain>(c.GetArgument<int>("id"));
                var current = await author.GetAsync() ?? throw NotFound.Author(c.GetArgument<int>("id"));
                return await author.SetAsync(name ?? current.Name, emailGiven ? email : current.Email);
            });

        Field<PublishNodeType>("publish")
            .Description("Credits an article to an author with a rank (1 = first author), or changes the rank.")
            .Argument<NonNullGraphType<IntGraphType>>("authorId")
            .Argument<NonNullGraphType<IntGraphType>>("articleId")
            .Argument<NonNullGraphType<IntGraphType>>("rank")
            .ResolveAsync(async c =>
            {
                var (authorId, articleId, rank) = (c.GetArgument<int>("authorId"), c.GetArgument<int>("articleId"), c.GetArgument<int>("rank"));
                if (rank < 1) throw new ExecutionError("'rank' must be 1 or more.") { Code = "BAD_ARGUMENT" };
                return await grains.GetGrain<IAuthorGrain>(authorId).PublishAsync(articleId, rank)
                    ?? throw new ExecutionError($"Author {authorId} or article {articleId} does not exist.") { Code = "NOT_FOUND" };
            });

        Field<NonNullGraphType<BooleanGraphType>>("unpublish")
            .Description("Removes an author's credit on an article; false when there was none.")
            .Argument<NonNullGraphType<IntGraphType>>("authorId")
            .Argument<NonNullGraphType<IntGraphType>>("articleId")
            .ResolveAsync(async c => (object)await grains.GetGrain<IAuthorGrain>(c.GetArgument<int>("authorId"))
                .UnpublishAsync(c.GetArgument<int>("articleId")));

        Field<JsonScalarType>("emit")
            .Description("Sends an event into a room as a client of the namespace would: the namespace's handler gets it, with 'room' added to 'args' (in the chat namespaces it is relayed to the room with 'from'). Answers what the handler answers.")
            .Argument<StringGraphType>("namespace", a => a.DefaultValue = SubscriptionType.DefaultNamespace)
            .Argument<NonNullGraphType<StringGraphType>>("room")
            .Argument<NonNullGraphType<StringGraphType>>("event")
            .Argument<JsonScalarType>("args")
            .ResolveAsync(async c => (object?)await emitter.EmitAsync(c.Origin(),
                c.GetArgument<string?>("namespace") ?? SubscriptionType.DefaultNamespace, c.GetArgument<string>("room"), c.GetArgument<string>("event"),
                c.GetArgument<object?>("args") is { } args ? JsonSerializer.SerializeToNode(args) : null));
    }
}
