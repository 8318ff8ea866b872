using ActorChat.Hosting.Configuration;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ActorChat.WebFront.Identity;

/// <summary>
/// Registers authentication from <c>ActorChat:Auth</c>: the identity resolver every transport's admission
/// uses, and for <c>Jwt</c> the ASP.NET Core JwtBearer scheme whose validation that resolver runs (an
/// application's own endpoints can use the same scheme). Bad combinations stop start-up.
/// </summary>
public static class JwtAuthentication
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    public static AuthOptions AddActorChatAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = ConfigurationCheck.Load<AuthOptions>(configuration, AuthOptions.Section, a => a.Validate(HostingEnvironment.IsDevelopment(configuration)));
        services.AddSingleton(Options.Create(auth));
        if (auth.Mode == AuthMode.Anonymous)
        {
            services.TryAddSingleton<IUserIdentityResolver, AnonymousUserResolver>();
            return auth;
        }

        var jwt = auth.Jwt;
        var keys = SigningKeys(jwt);
        services.AddAuthentication(Scheme).AddJwtBearer(Scheme, options =>
        {
            // Claims keep the names the token gives them (sub, name), not WS-Federation URIs.
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                IssuerSigningKeys = keys,
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                ClockSkew = jwt.ClockSkew,
                NameClaimType = jwt.NameClaim,
            };
            // Browsers cannot set headers on a WebSocket: they send the token as a query parameter.
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (string.IsNullOrEmpty(context.Token) && context.Request.Query.TryGetValue(JwtUserResolver.AccessTokenQuery, out var token))
                        context.Token = token.ToString();
                    return Task.CompletedTask;
                },
            };
        });
        services.TryAddSingleton<IUserIdentityResolver, JwtUserResolver>();
        return auth;
    }

    private static IReadOnlyList<SecurityKey> SigningKeys(JwtOptions jwt)
    {
        if (!string.IsNullOrEmpty(jwt.SigningKey)) return [new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(jwt.SigningKey))];
        var (keys, problem) = PublicKeys.Read(jwt.PublicKeysFile!);
        return keys ?? throw new InvalidConfigurationException($"{AuthOptions.Section}:Jwt:PublicKeysFile '{jwt.PublicKeysFile}' {problem}.");
    }
}
