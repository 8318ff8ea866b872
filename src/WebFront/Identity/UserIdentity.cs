using System.Security.Claims;

namespace ActorChat.WebFront.Identity;

/// <summary>
/// Who a connection (or an HTTP caller) is: the user id that presence, rooms and pushes use, the name
/// others see, the claims an authenticated user's token carried, and when those credentials expire.
/// </summary>
public sealed record UserIdentity(string User, string Name, ClaimsPrincipal Principal, DateTimeOffset? ExpiresAt = null)
{
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    /// <summary>True when the identity was proven (a valid token), not just claimed (a query parameter).</summary>
    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    /// <summary>A user id nobody proved: the anonymous mode's <c>user</c> parameter or a generated guest id.</summary>
    public static UserIdentity Anonymous(string user) => new(user, user, Nobody);
}
