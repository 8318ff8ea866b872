using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;

namespace ActorChat.WebFront.Identity;

/// <summary>
/// The one seam that says who a connecting client (or an HTTP API caller) is. ActorChat brings an anonymous
/// resolver (the <c>user</c> query parameter) and a JWT bearer one; an application plugs its own scheme
/// (cookies, API tokens) by registering another implementation.
/// </summary>
public interface IUserIdentityResolver
{
    /// <summary>
    /// Returns who is asking. Throws <see cref="ConnectionRefusedException"/> with a
    /// <see cref="ConnectionRefusal"/> (for example <see cref="ConnectionRefusal.Unauthenticated"/>) to refuse.
    /// </summary>
    ValueTask<UserIdentity> ResolveAsync(ConnectionRequest request);
}
