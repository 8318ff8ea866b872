namespace ActorChat.WebFront.Realtime;

/// <summary>
/// Bad input from a client. The pipeline turns it into an <c>error</c> event for the sender and
/// nothing else happens: it is the client's mistake, not the server's.
/// </summary>
public sealed class ClientInputException(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}
