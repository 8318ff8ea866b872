using System.Text.Json;
using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Admission;

namespace ActorChat.WebFront.Realtime;

/// <summary>One client socket in one namespace, as a transport adapter exposes it to the pipeline.</summary>
public interface IRealtimeConnection
{
    ClientConnection Info { get; }

    /// <summary>Queues an event for the client. Never blocks: a client that cannot keep up is disconnected.</summary>
    void Send(PreparedEvent @event);

    /// <summary>
    /// Queues an event that reached the connection as a member of <paramref name="room"/> (a room broadcast).
    /// Transports whose protocol addresses rooms (MQTT topics) say which room; the others send it as any event.
    /// </summary>
    void SendInRoom(string room, PreparedEvent @event) => Send(@event);

    /// <summary>Closes the connection from the server side (a WebSocket gets 1001, going away).</summary>
    void Close(string reason);

    /// <summary>
    /// Closes the connection because it may not stay (its token expired, it flooded): in the transport's form
    /// of a refusal, such as WebSocket close 1008 with the reason. By default, as <see cref="Close(string)"/>.
    /// </summary>
    void Close(ConnectionRefusal refusal) => Close(refusal.Reason);

    /// <summary>
    /// Closes the connection so that the client reconnects, to another front (this one is draining):
    /// in each transport's form that its clients take as "come back", never as "go away for good".
    /// </summary>
    void Drain(string reason) => Close(reason);

    /// <summary>
    /// Whether the transport carries binary arguments as bytes (<see cref="OutboundEvent.Attachments"/>).
    /// Others get them inlined as base64 strings (<see cref="EventPayload.InlineAttachments"/>).
    /// </summary>
    bool SupportsBinary => false;

    /// <summary>What the client sent when it connected (a Socket.IO CONNECT's auth object), if its transport has such a thing.</summary>
    JsonElement? Auth => null;

    /// <summary>
    /// Sends an event that asks the client for an acknowledgement and waits for its answer.
    /// Throws <see cref="TimeoutException"/> when the client does not answer in time, and
    /// <see cref="NotSupportedException"/> on transports without client acks.
    /// </summary>
    Task<AckReply> EmitWithAckAsync(OutboundEvent @event, TimeSpan timeout, CancellationToken cancellation = default) =>
        throw new NotSupportedException($"The {Info.Transport} transport cannot ask its clients for acknowledgements.");
}

/// <summary>A client's answer to an emit with ack: its arguments, with binary ones as placeholders into <see cref="Attachments"/>.</summary>
public sealed record AckReply(JsonElement[] Args, IReadOnlyList<byte[]> Attachments);
