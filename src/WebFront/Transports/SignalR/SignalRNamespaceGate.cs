using ActorChat.WebFront.Realtime.Admission;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>
/// Runs admission on every request to the hub (negotiate, the WebSocket upgrade, each poll) before SignalR
/// sees it, so a client that would be refused fails <c>start()</c> with the refusal's HTTP status and
/// <c>{"error", "code"}</c> body. The hub admits again when the connection starts, for its ticket.
/// </summary>
public static class SignalRNamespaceGate
{
    public static Func<HttpContext, RequestDelegate, Task> For(ConnectionAdmission admission) =>
        async (http, next) =>
        {
            var admitted = await admission.AdmitAsync(RealtimeHub.RequestOf(http));
            if (admitted.Admitted) await next(http);
            else await admitted.Refusal.ToHttpResult().ExecuteAsync(http);
        };
}
