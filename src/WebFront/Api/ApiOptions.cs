namespace ActorChat.WebFront.Api;

/// <summary>Options of the HTTP API, bound from <c>ActorChat:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "ActorChat:Api";

    /// <summary>The key that <c>POST /api/namespaces/{ns}/events</c> requires in <c>X-Api-Key</c>; with none, that endpoint does not exist (404).</summary>
    public string? Key { get; set; }
}
