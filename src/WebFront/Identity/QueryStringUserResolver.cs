using System.Security.Cryptography;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Identity;

/// <summary>
/// With no authentication configured, the user id is the <c>user</c> query parameter, or a generated
/// <c>guest-…</c> id. A present but invalid <c>user</c> (empty, too long, control characters) is refused.
/// </summary>
public sealed class QueryStringUserResolver : IUserIdentityResolver
{
    public ValueTask<string?> ResolveAsync(HttpContext context)
    {
        if (!context.Request.Query.TryGetValue("user", out var user))
            return ValueTask.FromResult<string?>($"guest-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        var id = user.ToString();
        return ValueTask.FromResult(Names.IsValid(id) ? id : null);
    }
}
