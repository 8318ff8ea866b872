namespace ActorChat.WebFront.GraphQL.Execution;

/// <summary>What a request knows about where it came from, beyond its text: nothing yet for plain HTTP.</summary>
public class RequestOrigin
{
    public static readonly RequestOrigin None = new();
}
