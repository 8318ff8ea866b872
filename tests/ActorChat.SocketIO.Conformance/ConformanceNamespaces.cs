using System.Text.Json;
using ActorChat.WebFront.Realtime;

namespace ActorChat.SocketIO.Conformance;

/// <summary>The main namespace the socket.io-protocol test suite expects (its README's reference server).</summary>
public sealed class ConformanceMainNamespace : NamespaceHandler
{
    public override Task OnConnect(EventContext context) => context.Emit("auth", context.Auth);

    public Task OnMessage(EventContext context, params JsonElement[] args) =>
        context.Emit("message-back", context.WithAttachments(args));

    [Event("message-with-ack")]
    public Ack OnMessageWithAck(EventContext context, params JsonElement[] args) => new(context.WithAttachments(args));
}

/// <summary>The suite's <c>/custom</c> namespace: it only reports the handshake's auth payload.</summary>
public sealed class ConformanceCustomNamespace : NamespaceHandler
{
    public override Task OnConnect(EventContext context) => context.Emit("auth", context.Auth);
}
