using ActorChat.Publishing;
using GraphQL.Types;

namespace ActorChat.WebFront.GraphQL.Types;

public sealed class ArticlesNodeType : ObjectGraphType<Article>
{
    public const string TypeName = "ArticlesNode";

    public ArticlesNodeType()
    {
        Name = TypeName;
        Interface<NodeInterface>();
        IsTypeOf = source => source is Article;
        Field<NonNullGraphType<IdGraphType>>("id").Description("The ID of the object").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<IntGraphType>>("dbId").Description("The integer id that root fields and mutations take.").Resolve(c => c.Source.Id);
        Field<StringGraphType>("title").Resolve(c => c.Source.Title);
        Field<IntGraphType>("year").Resolve(c => c.Source.Year);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PublishNodeType>>>>("publications")
            .Description("The authors credited on this article, by rank.")
            .Resolve(c => c.Loaders().PublicationsOfArticle(c.Source.Id));
    }
}
