using System.Security.Claims;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ActorChat.WebFront.Identity;

/// <summary>
/// Identity from a JWT bearer token, checked with the JwtBearer scheme's own validation (signature, issuer,
/// audience, lifetime). The token rides where each client puts it: in the transport's own protocol
/// (Socket.IO's <c>auth: {token}</c>), in <c>Authorization: Bearer</c>, or in the <c>access_token</c> query
/// parameter (browser WebSockets, SignalR's <c>accessTokenFactory</c>). The <c>user</c> parameter is ignored.
/// </summary>
public sealed class JwtUserResolver(IOptionsMonitor<JwtBearerOptions> bearer, IOptions<AuthOptions> auth) : IUserIdentityResolver
{
    public const string AccessTokenQuery = "access_token";

    public async ValueTask<UserIdentity> ResolveAsync(ConnectionRequest request)
    {
        var token = TokenOf(request)
            ?? throw Refuse(ConnectionRefusal.Unauthenticated($"An access token is required (Authorization: Bearer, the {AccessTokenQuery} query parameter, or Socket.IO's auth.token)."));
        var options = bearer.Get(JwtAuthentication.Scheme);
        TokenValidationResult? result = null;
        foreach (var handler in options.TokenHandlers)
        {
            result = await handler.ValidateTokenAsync(token, options.TokenValidationParameters);
            if (result.IsValid) break;
        }
        if (result is not { IsValid: true, ClaimsIdentity: { } claims }) throw Refuse(RefusalFor(result?.Exception));

        var jwt = auth.Value.Jwt;
        var user = claims.FindFirst(jwt.UserClaim)?.Value;
        if (!Names.IsValid(user))
            throw Refuse(ConnectionRefusal.InvalidToken($"The token's '{jwt.UserClaim}' claim must be a user id of 1 to 256 characters with no control characters."));
        var name = claims.FindFirst(jwt.NameClaim)?.Value is { } given && Names.IsValid(given) ? given : user!;
        // Accepted until its expiry plus the allowed clock skew, so that is when the connection ends.
        DateTimeOffset? expires = result.SecurityToken.ValidTo == DateTime.MinValue ? null
            : new DateTimeOffset(DateTime.SpecifyKind(result.SecurityToken.ValidTo, DateTimeKind.Utc)) + options.TokenValidationParameters.ClockSkew;
        return new UserIdentity(user!, name, new ClaimsPrincipal(claims), expires);
    }

    private static string? TokenOf(ConnectionRequest request)
    {
        var token = request.Token ?? request.BearerToken ?? request.QueryValue(AccessTokenQuery);
        return string.IsNullOrWhiteSpace(token) ? null : token;
    }

    /// <summary>What the client is told: which check failed, never the key material or the token.</summary>
    private static ConnectionRefusal RefusalFor(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => ConnectionRefusal.TokenExpired(),
        SecurityTokenNotYetValidException => ConnectionRefusal.InvalidToken("The access token is not valid yet."),
        SecurityTokenInvalidAudienceException => ConnectionRefusal.InvalidToken("The access token is for another audience."),
        SecurityTokenInvalidIssuerException => ConnectionRefusal.InvalidToken("The access token is from an issuer this server does not accept."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            ConnectionRefusal.InvalidToken("The access token's signature does not verify."),
        SecurityTokenNoExpirationException => ConnectionRefusal.InvalidToken("The access token has no expiry."),
        _ => ConnectionRefusal.InvalidToken("The access token is not a valid token."),
    };

    private static ConnectionRefusedException Refuse(ConnectionRefusal refusal) => new(refusal);
}
