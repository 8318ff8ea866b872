using System.Text.Json;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Namespaces;

/// <summary>
/// <c>/socketTest</c>: the tutorial's class-based <c>TestNamespace</c>, handler for handler.
/// It is also the example of writing a namespace class.
/// </summary>
public sealed class SocketTestNamespace(ILogger<SocketTestNamespace> logger) : NamespaceHandler
{
    // The tutorial's spelling, kept so its clients see exactly what they expect.
    public override Task OnConnect(EventContext context) => context.Send("class conected!");

    public override Task OnDisconnect(EventContext context)
    {
        logger.LogInformation("Client {Sid} disconnected from {Namespace}", context.Sid, context.Namespace);
        return Task.CompletedTask;
    }

    public Task OnMessage(EventContext context, JsonElement message) => context.Send("received message");

    public Task OnChat(EventContext context, JsonElement message) => context.Emit("chat", "received chat");

    public Task OnJoin(EventContext context, RoomRequest data) => RoomAnnouncer.JoinAsync(context, data);

    public Task OnLeave(EventContext context, RoomRequest data) => RoomAnnouncer.LeaveAsync(context, data);
}
