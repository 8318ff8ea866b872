using System.Text.Json;
using ActorChat.WebFront.Realtime;

namespace ActorChat.Testing;

/// <summary>A namespace that refuses some clients, to test refusal on every transport.</summary>
public sealed class GuardedNamespace : NamespaceHandler
{
    public const string Name = "/guarded";
    public const string RefusedUser = "mallory";
    public const string Token = "let-me-in";

    public override Task OnConnecting(EventContext context)
    {
        if (context.User == RefusedUser) throw new ConnectionRefusedException($"{RefusedUser} may not connect.");
        if (context.Auth is { ValueKind: JsonValueKind.Object } auth && auth.TryGetProperty("token", out var token) && token.GetString() != Token)
            throw new ConnectionRefusedException("Bad token.");
        return Task.CompletedTask;
    }

    public override Task OnConnect(EventContext context) => context.Send("welcome");

    /// <summary>Starts a server that also serves this namespace.</summary>
    public static Task<ActorChatServer> StartServerAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        ActorChatServer.StartAsync(settings, (_, realtime) => realtime.AddNamespace<GuardedNamespace>(Name));
}
