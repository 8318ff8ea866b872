using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Transports.Mqtt;

/// <summary>
/// How MQTT topics name the event model: <c>{name}/{room}</c> is room <c>{room}</c> of namespace <c>/{name}</c>
/// (<c>chat/room1</c>), and <c>{name}</c> alone is the connection's own topic, where events addressed to it
/// rather than to a room arrive (<c>connect</c>, <c>error</c>, direct messages, namespace-wide events).
/// </summary>
internal static class MqttTopic
{
    /// <summary>The connection's own topic: the namespace's name without its leading slash.</summary>
    public static string Own(string @namespace) => @namespace[1..];

    public static string OfRoom(string @namespace, string room) => $"{Own(@namespace)}/{room}";

    /// <summary>What a topic (or a topic filter) of a SUBSCRIBE, UNSUBSCRIBE or PUBLISH names.</summary>
    public static TopicName Read(string @namespace, string? topic)
    {
        if (string.IsNullOrEmpty(topic)) return TopicName.Invalid($"A topic is {Own(@namespace)}/{{room}}.");
        if (topic.Contains('+') || topic.Contains('#'))
            return TopicName.Wildcard($"Wildcards ('+', '#') are not supported; subscribe to each room's topic, {Own(@namespace)}/{{room}}.");
        var own = Own(@namespace);
        if (topic == own) return TopicName.OwnTopic;
        if (!topic.StartsWith(own + "/", StringComparison.Ordinal))
            return TopicName.Invalid($"This connection is of namespace {@namespace}: its topics are {own}/{{room}} (connect to /mqtt/{{name}} for namespace /{{name}}).");
        var room = topic[(own.Length + 1)..];
        return Names.IsValid(room)
            ? TopicName.Room(room)
            : TopicName.Invalid($"'{Names.Printable(room)}' is not a room name: 1 to {Names.MaxLength} characters with no control characters.");
    }
}

internal enum TopicKind { Room, Own, Wildcard, Invalid }

/// <summary>A topic read by <see cref="MqttTopic.Read"/>: a room, the connection's own topic, or why it names neither.</summary>
internal readonly record struct TopicName(TopicKind Kind, string? RoomName, string? Problem)
{
    public static readonly TopicName OwnTopic = new(TopicKind.Own, null, null);

    public static TopicName Room(string room) => new(TopicKind.Room, room, null);

    public static TopicName Wildcard(string problem) => new(TopicKind.Wildcard, null, problem);

    public static TopicName Invalid(string problem) => new(TopicKind.Invalid, null, problem);
}
