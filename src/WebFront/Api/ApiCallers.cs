using ActorChat.Hosting;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Api;

/// <summary>Who is calling the HTTP API: the holder of the API key, a user, or (refused) nobody proven.</summary>
public sealed record ApiCaller(bool SeesEverything, UserIdentity? Identity, ConnectionRefusal? Refusal);

/// <summary>
/// Identifies HTTP API callers the way connections are identified (the same <see cref="IUserIdentityResolver"/>).
/// The API key sees everything. With authentication on, a caller without a valid token is refused (401); in
/// anonymous mode nobody proves anything, so reads are open, as every other read of that mode.
/// </summary>
public sealed class ApiCallers(IUserIdentityResolver identities, IOptions<AuthOptions> auth, IOptions<ApiOptions> api)
{
    public async ValueTask<ApiCaller> IdentifyAsync(HttpContext http)
    {
        var key = api.Value.Key;
        if (!string.IsNullOrEmpty(key) && http.Request.Headers.TryGetValue(RealtimeApi.ApiKeyHeader, out var given) && RealtimeApi.KeyMatches(given.ToString(), key))
            return new ApiCaller(true, null, null);
        if (!auth.Value.RequiresAuthentication) return new ApiCaller(true, null, null);
        try
        {
            var identity = await identities.ResolveAsync(ConnectionRequest.From(http, "/", "http"));
            return identity.IsAuthenticated
                ? new ApiCaller(false, identity, null)
                : new ApiCaller(false, null, ConnectionRefusal.Unauthenticated($"The API key ({RealtimeApi.ApiKeyHeader}) or an access token is required."));
        }
        catch (ConnectionRefusedException ex)
        {
            return new ApiCaller(false, null, ex.Refusal);
        }
    }
}
