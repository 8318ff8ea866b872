using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime;

/// <summary>
/// A user's presence as someone else may see it: online, and in which namespaces over which transports,
/// but connection ids and fronts only for the user themself (or a holder of the API key).
/// </summary>
public static class PresenceView
{
    public static object Of(UserPresence presence, bool showConnectionIds) => showConnectionIds
        ? presence
        : new
        {
            user = presence.User,
            online = presence.Online,
            connections = presence.Connections.Select(c => new { @namespace = c.Namespace, transport = c.Transport }).ToArray(),
        };
}
