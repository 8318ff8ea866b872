using System.Security.Claims;
using System.Security.Cryptography;
using ActorChat.Hosting.Configuration;
using ActorChat.Testing;
using ActorChat.WebFront.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace ActorChat.Realtime.Tests;

/// <summary>Bad authentication, limit and room-rule settings stop start-up with one sentence naming the option; public keys verify tokens.</summary>
public sealed class AuthConfigurationTests
{
    private const string Jwt = "--ActorChat:Auth:Mode=Jwt";
    private const string Issuer = "--ActorChat:Auth:Jwt:Issuer=https://issuer.example";
    private const string Audience = "--ActorChat:Auth:Jwt:Audience=chat";
    private const string Key = "--ActorChat:Auth:Jwt:SigningKey=0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("ActorChat:Auth:Jwt:Issuer must be set when ActorChat:Auth:Mode is Jwt.", Jwt, Audience, Key)]
    [InlineData("ActorChat:Auth:Jwt:Audience must be set when ActorChat:Auth:Mode is Jwt.", Jwt, Issuer, Key)]
    [InlineData("ActorChat:Auth:Jwt:SigningKey or ActorChat:Auth:Jwt:PublicKeysFile must be set, not both and not neither.", Jwt, Issuer, Audience)]
    [InlineData("ActorChat:Auth:Jwt:SigningKey must be at least 32 bytes; it is 5.", Jwt, Issuer, Audience, "--ActorChat:Auth:Jwt:SigningKey=short")]
    [InlineData("ActorChat:Auth:Jwt:PublicKeysFile '/nowhere/keys.pem' does not exist.", Jwt, Issuer, Audience, "--ActorChat:Auth:Jwt:PublicKeysFile=/nowhere/keys.pem")]
    [InlineData("ActorChat:Auth:Jwt:ClockSkew must be between 00:00:00 and 00:10:00; it is 01:00:00.", Jwt, Issuer, Audience, Key, "--ActorChat:Auth:Jwt:ClockSkew=01:00:00")]
    [InlineData("ActorChat:Limits:EventsPerSecond must be between 1 and 1000000; it is 0.", "--ActorChat:Auth:AllowAnonymous=true", "--ActorChat:Limits:EventsPerSecond=0")]
    [InlineData("ActorChat:Chat:RoomRules:0:Pattern must not be empty.", "--ActorChat:Auth:AllowAnonymous=true", "--ActorChat:Chat:RoomRules:0:Claim=rooms")]
    [InlineData("ActorChat:SocketIO:AllowedOrigins is now ActorChat:AllowedOrigins, one list for every transport and CORS.", "--ActorChat:Auth:AllowAnonymous=true", "--ActorChat:SocketIO:AllowedOrigins:0=*")]
    public void A_bad_setting_names_its_option(string message, params string[] args)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => ActorChatApp.Build(args));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_keys_file_that_is_not_PEM_or_JWKS_names_the_option()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "not a key");
        try
        {
            var error = Assert.Throws<InvalidConfigurationException>(() => ActorChatApp.Build([Jwt, Issuer, Audience, $"--ActorChat:Auth:Jwt:PublicKeysFile={file}"]));
            Assert.StartsWith($"ActorChat:Auth:Jwt:PublicKeysFile '{file}' holds no public key", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("pem-rsa")]
    [InlineData("pem-ecdsa")]
    [InlineData("jwks-rsa")]
    public async Task Tokens_signed_with_a_private_key_verify_against_the_public_keys_file(string kind)
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = Path.GetTempFileName();
        SecurityKey signing = kind == "pem-ecdsa" ? new ECDsaSecurityKey(ec) : new RsaSecurityKey(rsa) { KeyId = "k1" };
        File.WriteAllText(file, kind switch
        {
            "pem-rsa" => rsa.ExportSubjectPublicKeyInfoPem(),
            "pem-ecdsa" => ec.ExportSubjectPublicKeyInfoPem(),
            _ => System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "k1" }) } }),
        });
        try
        {
            await using var server = await ActorChatServer.StartAsync(new Dictionary<string, string>
            {
                ["ActorChat:Auth:Mode"] = "Jwt",
                ["ActorChat:Auth:Jwt:Issuer"] = TestTokens.Issuer,
                ["ActorChat:Auth:Jwt:Audience"] = TestTokens.Audience,
                ["ActorChat:Auth:Jwt:PublicKeysFile"] = file,
            });
            var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = TestTokens.Issuer,
                Audience = TestTokens.Audience,
                Subject = new ClaimsIdentity([new Claim("sub", "keyed-user")]),
                Expires = DateTime.UtcNow.AddMinutes(5),
                SigningCredentials = new SigningCredentials(signing, kind == "pem-ecdsa" ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256),
            });
            await using var client = await EnvelopeClient.ConnectAsync(server.Ws("ws/chat"), TestTokens.Bearer(token));
            Assert.Equal("keyed-user", client.User);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await UpgradeProbe.TryAsync(server.Ws("ws/chat"), TestTokens.Bearer(TestTokens.For("x")))).Status);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
