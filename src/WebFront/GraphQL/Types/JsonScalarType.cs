using GraphQL.Types;

namespace ActorChat.WebFront.GraphQL.Types;

/// <summary>
/// <c>JSON</c>: any JSON value, such as an event's arguments. Answered as it is; taken from a literal or a variable
/// as dictionaries, lists and plain values.
/// </summary>
public sealed class JsonScalarType : ComplexScalarGraphType
{
    public JsonScalarType()
    {
        Name = "JSON";
        Description = "Any JSON value: an object, a list, a string, a number, true, false or null.";
    }
}
