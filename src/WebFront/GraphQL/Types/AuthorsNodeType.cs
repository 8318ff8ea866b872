using ActorChat.Publishing;
using GraphQL.Types;

namespace ActorChat.WebFront.GraphQL.Types;

public sealed class AuthorsNodeType : ObjectGraphType<Author>
{
    public const string TypeName = "AuthorsNode";

    public AuthorsNodeType()
    {
        Name = TypeName;
        Interface<NodeInterface>();
        IsTypeOf = source => source is Author;
        Field<NonNullGraphType<IdGraphType>>("id").Description("The ID of the object").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field<NonNullGraphType<IntGraphType>>("dbId").Description("The integer id that root fields and mutations take.").Resolve(c => c.Source.Id);
        Field<StringGraphType>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("email").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PublishNodeType>>>>("publications")
            .Description("The articles credited to this author, by article id.")
            .Resolve(c => c.Loaders().PublicationsOfAuthor(c.Source.Id));
    }
}
