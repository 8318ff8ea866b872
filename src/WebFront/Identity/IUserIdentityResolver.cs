namespace ActorChat.WebFront.Identity;

/// <summary>The one seam that says who a connecting client is. Authentication will plug in here.</summary>
public interface IUserIdentityResolver
{
    /// <summary>Returns the user id of the client making the request, or null to refuse it.</summary>
    ValueTask<string?> ResolveAsync(HttpContext context);
}
