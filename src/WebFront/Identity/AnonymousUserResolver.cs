using System.Security.Cryptography;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;

namespace ActorChat.WebFront.Identity;

/// <summary>
/// With no authentication, the user id is whatever the client says: the <c>user</c> query parameter, or a
/// generated <c>guest-…</c> id. A present but invalid <c>user</c> (empty, too long, control characters) is refused.
/// </summary>
public sealed class AnonymousUserResolver : IUserIdentityResolver
{
    public const string UserQuery = "user";

    public ValueTask<UserIdentity> ResolveAsync(ConnectionRequest request)
    {
        var user = request.QueryValue(UserQuery) ?? $"guest-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        return Names.IsValid(user)
            ? ValueTask.FromResult(UserIdentity.Anonymous(user))
            : throw new ConnectionRefusedException(ConnectionRefusal.InvalidUser());
    }
}
