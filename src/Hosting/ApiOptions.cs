namespace ActorChat.Hosting;

/// <summary>The operator's key, bound from <c>ActorChat:Api</c> in every process.</summary>
public sealed class ApiOptions
{
    public const string Section = "ActorChat:Api";
    public const string KeyHeader = "X-Api-Key";

    /// <summary>
    /// The key that server push (<c>POST /api/namespaces/{ns}/events</c>, 404 without a key) and the
    /// dashboard (open without a key) require, in <c>X-Api-Key</c> or as an HTTP Basic password.
    /// </summary>
    public string? Key { get; set; }
}
