using ActorChat.Publishing;
using GraphQL.Types;

namespace ActorChat.WebFront.GraphQL.Types;

/// <summary>One credit: an author on an article, with a rank. Field names follow the tutorial's model.</summary>
public sealed class PublishNodeType : ObjectGraphType<Publication>
{
    public const string TypeName = "PublishNode";

    public PublishNodeType()
    {
        Name = TypeName;
        Interface<NodeInterface>();
        IsTypeOf = source => source is Publication;
        Field<NonNullGraphType<IdGraphType>>("id").Description("The ID of the object").Resolve(c => GlobalId.Encode(TypeName, Key(c.Source)));
        Field<AuthorsNodeType>("authors").Description("The author credited.").Resolve(c => c.Loaders().Author(c.Source.AuthorId));
        Field<ArticlesNodeType>("articles").Description("The article credited.").Resolve(c => c.Loaders().Article(c.Source.ArticleId));
        Field<IntGraphType>("rank").Description("The author's place on the article, 1 first.").Resolve(c => c.Source.Rank);
    }

    /// <summary>The local part of a publication's global id: <c>authorId,articleId</c>.</summary>
    public static string Key(Publication p) => $"{p.AuthorId},{p.ArticleId}";
}
