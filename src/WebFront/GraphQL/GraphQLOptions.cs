namespace ActorChat.WebFront.GraphQL;

/// <summary>The GraphQL endpoint's settings; bound from configuration section <c>ActorChat:GraphQL</c>.</summary>
public sealed class GraphQLOptions
{
    public const string Section = "ActorChat:GraphQL";

    /// <summary>Where the endpoint (and, for browsers, the IDE) is served.</summary>
    public string Path { get; set; } = "/graphql";

    /// <summary>Deepest field nesting a query may have.</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>Deepest nesting of an introspection query (only <c>__schema</c>/<c>__type</c> at the root), as IDEs send.</summary>
    public int MaxIntrospectionDepth { get; set; } = 20;

    /// <summary>Highest complexity score a query may reach (each field counts, lists multiply their children).</summary>
    public int MaxComplexity { get; set; } = 10000;

    /// <summary>The same for introspection queries, whose standard form scores about 300,000.</summary>
    public int MaxIntrospectionComplexity { get; set; } = 1_000_000;

    /// <summary>Largest page a connection field returns, whatever <c>first</c> asks for.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>How many distinct parsed and validated query documents are kept for reuse.</summary>
    public int DocumentCacheSize { get; set; } = 1000;

    /// <summary>Whether browsers asking <c>GET</c> for HTML get the GraphiQL IDE.</summary>
    public bool Ide { get; set; } = true;

    /// <summary>One sentence naming the first bad option, or null when every option is usable.</summary>
    public string? Validate() =>
        !Path.StartsWith('/') ? $"{Section}:Path must start with '/', but is '{Path}'."
        : MaxDepth < 2 ? $"{Section}:MaxDepth must be at least 2, but is {MaxDepth}."
        : MaxIntrospectionDepth < 2 ? $"{Section}:MaxIntrospectionDepth must be at least 2, but is {MaxIntrospectionDepth}."
        : MaxComplexity < 10 ? $"{Section}:MaxComplexity must be at least 10, but is {MaxComplexity}."
        : MaxIntrospectionComplexity < 10 ? $"{Section}:MaxIntrospectionComplexity must be at least 10, but is {MaxIntrospectionComplexity}."
        : MaxPageSize < 1 ? $"{Section}:MaxPageSize must be at least 1, but is {MaxPageSize}."
        : DocumentCacheSize < 0 ? $"{Section}:DocumentCacheSize must not be negative, but is {DocumentCacheSize}."
        : null;
}
