namespace ActorChat.Realtime;

/// <summary>How many connections one front holds in a namespace.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.FrontCount")]
public sealed record FrontCount(
    [property: Id(0)] string FrontId,
    [property: Id(1)] int Connections);

/// <summary>A namespace's live connection counts, in all and per front.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.NamespaceInfo")]
public sealed record NamespaceInfo(
    [property: Id(0)] string Namespace,
    [property: Id(1)] int Connections,
    [property: Id(2)] FrontCount[] Fronts);
