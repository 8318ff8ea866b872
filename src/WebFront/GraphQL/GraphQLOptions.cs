using ActorChat.Configuration;
namespace ActorChat.WebFront.GraphQL;

/// <summary>The GraphQL endpoint's settings; bound from configuration section <c>ActorChat:GraphQL</c>.</summary>
public sealed class GraphQLOptions : IValidatedOptions
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

    /// <summary>Longest query text accepted, in characters; checked before anything else.</summary>
    public int MaxQueryLength { get; set; } = 65_536;

    /// <summary>Most lexical tokens (names, punctuation, values, comments) a query may have; checked before parsing.</summary>
    public int MaxTokens { get; set; } = 3_000;

    /// <summary>Most directives on any one place of a query (a field, a fragment, an operation); checked before validation.</summary>
    public int MaxDirectivesPerLocation { get; set; } = 10;

    /// <summary>Most fields a query may select once its fragments are spread where they are used; checked before validation.</summary>
    public int MaxFields { get; set; } = 1_000;

    /// <summary>
    /// Most pairs of same-named fields (and of fragments spread side by side) that validation has to compare for
    /// merging; checked before validation, since that comparison grows with the square of the repetitions.
    /// </summary>
    public int MaxFieldMerges { get; set; } = 1_000;

    /// <summary>Largest request body (POST) or WebSocket message, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 1_048_576;

    /// <summary>Longest text a mutation takes for a title, a name or an email, in characters (at least one).</summary>
    public int MaxTextLength { get; set; } = 1_000;

    /// <summary>How long a WebSocket client has to send <c>connection_init</c> before the socket is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Most operations (subscriptions, and queries in flight) one WebSocket may run at once.</summary>
    public int MaxSubscriptionsPerSocket { get; set; } = 100;

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
        : MaxQueryLength < 100 ? $"{Section}:MaxQueryLength must be at least 100, but is {MaxQueryLength}."
        : MaxTokens < 10 ? $"{Section}:MaxTokens must be at least 10, but is {MaxTokens}."
        : MaxDirectivesPerLocation < 1 ? $"{Section}:MaxDirectivesPerLocation must be at least 1, but is {MaxDirectivesPerLocation}."
        : MaxFields < 1 ? $"{Section}:MaxFields must be at least 1, but is {MaxFields}."
        : MaxFieldMerges < 0 ? $"{Section}:MaxFieldMerges must not be negative, but is {MaxFieldMerges}."
        : MaxRequestBytes < 1024 ? $"{Section}:MaxRequestBytes must be at least 1024, but is {MaxRequestBytes}."
        : MaxTextLength < 1 ? $"{Section}:MaxTextLength must be at least 1, but is {MaxTextLength}."
        : ConnectionInitTimeout <= TimeSpan.Zero ? $"{Section}:ConnectionInitTimeout must be positive, but is {ConnectionInitTimeout}."
        : MaxSubscriptionsPerSocket < 1 ? $"{Section}:MaxSubscriptionsPerSocket must be at least 1, but is {MaxSubscriptionsPerSocket}."
        : null;
}
