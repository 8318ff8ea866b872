using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ActorChat.Testing;

/// <summary>Real HS256 JWTs for tests, signed with Microsoft.IdentityModel.JsonWebTokens, and the server settings that accept them.</summary>
public static class TestTokens
{
    public const string Issuer = "https://issuer.actorchat.test";
    public const string Audience = "actorchat-tests";
    public const string Key = "test-signing-key-of-at-least-32-bytes!!";
    public const string WrongKey = "another-key-that-this-server-never-trusts";

    /// <summary>Server settings for JWT mode with <see cref="Key"/>, no clock skew (expiry tests are exact).</summary>
    public static Dictionary<string, string> ServerSettings() => new()
    {
        ["ActorChat:Auth:Mode"] = "Jwt",
        ["ActorChat:Auth:Jwt:Issuer"] = Issuer,
        ["ActorChat:Auth:Jwt:Audience"] = Audience,
        ["ActorChat:Auth:Jwt:SigningKey"] = Key,
        ["ActorChat:Auth:Jwt:ClockSkew"] = "00:00:00",
    };

    public static string For(string user, string? name = null, TimeSpan? lifetime = null, string audience = Audience, string key = Key,
        IEnumerable<Claim>? claims = null, DateTime? expires = null)
    {
        var subject = new ClaimsIdentity([new Claim("sub", user), .. claims ?? []]);
        if (name is not null) subject.AddClaim(new Claim("name", name));
        var now = DateTime.UtcNow;
        var exp = expires ?? now + (lifetime ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = subject,
            IssuedAt = exp < now ? exp.AddMinutes(-5) : now,
            NotBefore = exp < now ? exp.AddMinutes(-5) : now,
            Expires = exp,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    public static string Expired(string user) => For(user, expires: DateTime.UtcNow.AddMinutes(-1));

    public static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = $"Bearer {token}" };
}
