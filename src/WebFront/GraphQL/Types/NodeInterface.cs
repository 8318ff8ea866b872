using GraphQL.Types;

namespace ActorChat.WebFront.GraphQL.Types;

/// <summary>Relay's <c>Node</c>: anything refetchable by its global id through the <c>node</c> root field.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with an ID";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The ID of the object");
    }
}
