namespace ActorChat.Realtime;

/// <summary>
/// The key of a room grain: namespace and room joined by <c>#</c>. Namespace names cannot contain
/// <c>#</c>, so the first one splits the key, and the key reads well in the dashboard.
/// </summary>
public static class RoomKey
{
    public static string Of(string @namespace, string room) => $"{@namespace}#{room}";

    public static (string Namespace, string Room) Parse(string key)
    {
        var split = key.IndexOf('#');
        return (key[..split], key[(split + 1)..]);
    }
}
