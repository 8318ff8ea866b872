using System.Text;

namespace ActorChat.WebFront.Identity;

/// <summary>How clients prove who they are.</summary>
public enum AuthMode
{
    /// <summary>Nobody proves anything: the user id is the <c>user</c> query parameter (Development, or an explicit opt-in).</summary>
    Anonymous,

    /// <summary>A JWT bearer token, checked for signature, issuer, audience and lifetime.</summary>
    Jwt,
}

/// <summary>Options of authentication, bound from <c>ActorChat:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "ActorChat:Auth";

    public AuthMode Mode { get; set; } = AuthMode.Anonymous;

    /// <summary>Outside Development, anonymous mode must be asked for explicitly: anyone can then be any user.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Close a connection when the token it was admitted with expires (it may reconnect with a fresh one).</summary>
    public bool CloseAtExpiry { get; set; } = true;

    public JwtOptions Jwt { get; set; } = new();

    /// <summary>True when connections must prove their identity.</summary>
    public bool RequiresAuthentication => Mode != AuthMode.Anonymous;

    /// <summary>Returns the first problem as one sentence naming the option, or null.</summary>
    public string? Validate(bool development)
    {
        if (Mode == AuthMode.Anonymous)
            return development || AllowAnonymous ? null
                : $"{Section}:Mode is Anonymous outside Development, so anyone could connect as any user: set {Section}:Mode=Jwt with {Section}:Jwt:Issuer, Audience and SigningKey or PublicKeysFile, or set {Section}:AllowAnonymous=true to accept that.";
        return Jwt.Validate($"{Section}:Jwt");
    }
}

/// <summary>Options of JWT bearer authentication, bound from <c>ActorChat:Auth:Jwt</c>.</summary>
public sealed class JwtOptions
{
    public const int MinimumKeyBytes = 32;

    /// <summary>The issuer (<c>iss</c>) tokens must carry.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience (<c>aud</c>) tokens must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>An HMAC secret (HS256/384/512) of at least 32 bytes of UTF-8. Exclusive with <see cref="PublicKeysFile"/>.</summary>
    public string? SigningKey { get; set; }

    /// <summary>A file of public keys (PEM, one or more blocks, or a JWKS document) for RSA or ECDSA signatures.</summary>
    public string? PublicKeysFile { get; set; }

    /// <summary>The claim that holds the user id.</summary>
    public string UserClaim { get; set; } = "sub";

    /// <summary>The claim that holds the name others see (the user id when absent).</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>How far clocks may disagree when checking a token's lifetime.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public string? Validate(string section)
    {
        if (string.IsNullOrWhiteSpace(Issuer)) return $"{section}:Issuer must be set when {AuthOptions.Section}:Mode is Jwt.";
        if (string.IsNullOrWhiteSpace(Audience)) return $"{section}:Audience must be set when {AuthOptions.Section}:Mode is Jwt.";
        var hasKey = !string.IsNullOrEmpty(SigningKey);
        var hasFile = !string.IsNullOrEmpty(PublicKeysFile);
        if (hasKey == hasFile)
            return $"{section}:SigningKey or {section}:PublicKeysFile must be set, not both and not neither.";
        if (hasKey && Encoding.UTF8.GetByteCount(SigningKey!) < MinimumKeyBytes)
            return $"{section}:SigningKey must be at least {MinimumKeyBytes} bytes; it is {Encoding.UTF8.GetByteCount(SigningKey!)}.";
        if (hasFile && !File.Exists(PublicKeysFile))
            return $"{section}:PublicKeysFile '{PublicKeysFile}' does not exist.";
        if (string.IsNullOrWhiteSpace(UserClaim)) return $"{section}:UserClaim must not be empty.";
        if (string.IsNullOrWhiteSpace(NameClaim)) return $"{section}:NameClaim must not be empty.";
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(10))
            return $"{section}:ClockSkew must be between 00:00:00 and 00:10:00; it is {ClockSkew}.";
        return null;
    }
}
