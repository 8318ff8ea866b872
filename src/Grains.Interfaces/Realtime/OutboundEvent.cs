namespace ActorChat.Realtime;

/// <summary>
/// An event on its way to clients. The arguments are serialized once, as a UTF-8 JSON array,
/// so a broadcast is encoded once however many fronts and sockets it reaches.
/// </summary>
/// <param name="Name">The event name, for example <c>my event</c>.</param>
/// <param name="ArgsJson">The arguments as a UTF-8 JSON array.</param>
/// <param name="Attachments">Binary arguments (Socket.IO attachments), referenced from <paramref name="ArgsJson"/> by placeholders; null when there are none.</param>
[GenerateSerializer, Immutable, Alias("ActorChat.OutboundEvent")]
public sealed record OutboundEvent(
    [property: Id(0)] string Name,
    [property: Id(1)] byte[] ArgsJson,
    [property: Id(2)] byte[][]? Attachments = null)
{
    /// <summary>The user whose event this is; null when server code or the HTTP API sent it. Room history records it.</summary>
    [Id(3)] public string? From { get; init; }

    /// <summary>
    /// Names one emit of this event. A front that tries an emit again after the cluster failed it keeps the id,
    /// so the room's history keeps the event once and every front hands it to its sockets once.
    /// </summary>
    [Id(4)] public Guid Id { get; init; } = Guid.NewGuid();
}
