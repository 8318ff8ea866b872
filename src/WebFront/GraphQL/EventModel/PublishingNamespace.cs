using ActorChat.WebFront.GraphQL.WebSockets;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.GraphQL.EventModel;

/// <summary>
/// The namespace the publishing grains announce article changes in (<see cref="ActorChat.Publishing.PublishingEvents"/>).
/// Only GraphQL subscriptions may connect: a raw WebSocket, SignalR or Socket.IO client is refused, so nobody can
/// send into its rooms, and its connections never send events at all.
/// </summary>
public sealed class PublishingNamespace : NamespaceHandler
{
    public override Task OnConnecting(EventContext context) =>
        context.Transport == GraphQLWebSocketEndpoint.Transport
            ? Task.CompletedTask
            : throw new ConnectionRefusedException($"The namespace {context.Namespace} carries announcements to GraphQL subscriptions only.");
}
