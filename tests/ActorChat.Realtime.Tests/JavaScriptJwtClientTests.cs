using System.Text.Json;
using ActorChat.Testing;
using Xunit;

namespace ActorChat.Realtime.Tests;

/// <summary>
/// The official JavaScript clients with tokens signed by <c>jsonwebtoken</c>: socket.io-client's
/// <c>auth: {token}</c>, @microsoft/signalr's <c>accessTokenFactory</c>, and <c>ws</c> with a header and with
/// <c>access_token</c>. Valid tokens are admitted as their user; missing, forged, expired and wrong-audience
/// tokens are refused in each transport's form; an expiring token closes each connection with <c>token_expired</c>.
/// </summary>
public sealed class JavaScriptJwtClientTests(JwtServerFixture fixture) : IClassFixture<JwtServerFixture>
{
    [Fact]
    public async Task Real_clients_with_real_tokens_are_admitted_refused_and_closed_at_expiry_on_every_transport()
    {
        await using var node = NodeClient.Start("jwt-clients.mjs", fixture.Server.BaseUri.ToString(), TestTokens.Key, TestTokens.Issuer, TestTokens.Audience);
        var results = new Dictionary<(string, string), JsonElement>();
        while (true)
        {
            var line = await node.NextLineAsync(TimeSpan.FromSeconds(60));
            if (line.TryGetProperty("done", out _)) break;
            results[(line.GetProperty("transport").GetString()!, line.GetProperty("token").GetString()!)] = line;
        }

        var expectedCodes = new Dictionary<string, string>
        {
            ["missing"] = "unauthenticated", ["forged"] = "invalid_token", ["expired"] = "token_expired", ["wrong-audience"] = "invalid_token",
        };
        foreach (var transport in new[] { "socket.io", "signalr", "ws-header", "ws-query" })
        {
            var valid = results[(transport, "valid")];
            Assert.True(valid.GetProperty("admitted").GetBoolean(), $"{transport}: {valid}");
            Assert.Equal("js-user", valid.GetProperty("user").GetString());

            foreach (var (token, code) in expectedCodes)
            {
                var refused = results[(transport, token)];
                Assert.False(refused.GetProperty("admitted").GetBoolean(), $"{transport} admitted a {token} token: {refused}");
                Assert.Equal(code, refused.GetProperty("code").GetString());
                if (transport != "socket.io") Assert.Equal(401, refused.GetProperty("status").GetInt32());
            }

            var expiring = results[(transport, "expiring")];
            Assert.True(expiring.GetProperty("closed").GetBoolean(), $"{transport}: {expiring}");
            Assert.Equal("token_expired", expiring.GetProperty("code").GetString());
            if (transport.StartsWith("ws-", StringComparison.Ordinal)) Assert.Equal(1008, expiring.GetProperty("status").GetInt32());
            if (transport == "signalr") Assert.Contains("The access token has expired", expiring.GetProperty("reason").GetString());
        }
    }
}
