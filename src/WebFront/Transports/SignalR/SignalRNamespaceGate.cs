using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>
/// Refuses a SignalR negotiation or connection for an unknown namespace or an invalid user before
/// the hub handshake, so the client's start fails with a clear HTTP status and JSON body.
/// </summary>
public static class SignalRNamespaceGate
{
    public static Func<HttpContext, RequestDelegate, Task> For(EventPipeline pipeline, IUserIdentityResolver identity) =>
        async (http, next) =>
        {
            var @namespace = RealtimeHub.NamespaceOf(http);
            if (!pipeline.HasNamespace(@namespace))
            {
                await Results.Json(new { error = $"Unknown namespace '{@namespace}'." }, statusCode: StatusCodes.Status404NotFound).ExecuteAsync(http);
                return;
            }
            if (await identity.ResolveAsync(http) is null)
            {
                await Results.Json(new { error = "The user id must be 1 to 256 characters with no control characters." }, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
                return;
            }
            await next(http);
        };
}
