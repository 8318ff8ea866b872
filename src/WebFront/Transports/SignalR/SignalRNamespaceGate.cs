using ActorChat.WebFront.Realtime.Admission;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>
/// Runs admission before SignalR sees a request that starts a connection (negotiate, or a WebSocket
/// without negotiation), so a client that would be refused fails <c>start()</c> with the refusal's HTTP
/// status and <c>{"error", "code"}</c> body. Requests of a negotiated connection (its <c>id</c>: the upgrade,
/// each poll) have their origin checked; the hub admits the connection itself when it starts, for its ticket.
/// </summary>
public static class SignalRNamespaceGate
{
    private const string ConnectionTokenQuery = "id";

    public static Func<HttpContext, RequestDelegate, Task> For(ConnectionAdmission admission, OriginPolicy origins) =>
        async (http, next) =>
        {
            SocketCloseWatch.Install(http);
            if (http.Request.Query.ContainsKey(ConnectionTokenQuery))
            {
                // Admitting again on every poll would count the connection against its own user's limit.
                if (origins.Allows(http.Request)) await next(http);
                else await ConnectionRefusal.OriginNotAllowed(http.Request.Headers.Origin.ToString()).ToHttpResult().ExecuteAsync(http);
                return;
            }
            var admitted = await admission.AdmitAsync(RealtimeHub.RequestOf(http));
            if (admitted.Admitted) await next(http);
            else await admitted.Refusal.ToHttpResult().ExecuteAsync(http);
        };
}
