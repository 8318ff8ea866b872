using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace ActorChat.WebFront.Identity;

/// <summary>Reads the keys that verify token signatures: a JWKS document, or PEM blocks (public keys or certificates).</summary>
public static class PublicKeys
{
    /// <summary>The file's keys; a file with none, or one that does not parse, is a configuration error (null and why).</summary>
    public static (IReadOnlyList<SecurityKey>? Keys, string? Problem) Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read ({ex.Message})");
        }
        try
        {
            var keys = text.TrimStart().StartsWith('{') ? Jwks(text) : Pem(text);
            return keys.Count > 0 ? (keys, null) : (null, "holds no public key (expected PEM blocks or a JWKS document)");
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or System.Text.Json.JsonException or FormatException)
        {
            return (null, $"does not parse as PEM or JWKS ({ex.Message.Split('\n')[0].TrimEnd('.')})");
        }
    }

    private static List<SecurityKey> Jwks(string json) => [.. new JsonWebKeySet(json).GetSigningKeys()];

    private static List<SecurityKey> Pem(string text)
    {
        var keys = new List<SecurityKey>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var block = rest[fields.Location].ToString();
            var label = rest[fields.Label].ToString();
            keys.Add(label switch
            {
                "CERTIFICATE" => Certificate(block),
                "PUBLIC KEY" or "RSA PUBLIC KEY" or "EC PUBLIC KEY" => Key(block),
                _ => throw new FormatException($"a PEM block labelled '{label}' is not a public key or certificate"),
            });
            rest = rest[fields.Location.End..];
        }
        return keys;
    }

    private static SecurityKey Certificate(string pem)
    {
        var certificate = X509Certificate2.CreateFromPem(pem);
        return certificate.GetRSAPublicKey() is { } rsa ? new RsaSecurityKey(rsa)
            : certificate.GetECDsaPublicKey() is { } ec ? new ECDsaSecurityKey(ec)
            : throw new FormatException("a certificate holds neither an RSA nor an ECDSA key");
    }

    private static SecurityKey Key(string pem)
    {
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec);
        }
    }
}
