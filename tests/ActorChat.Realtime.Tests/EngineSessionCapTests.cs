using System.Net;
using System.Text.Json;
using ActorChat.Testing;
using Xunit;

namespace ActorChat.Realtime.Tests;

public sealed class SessionCapServerFixture : ServerFixture
{
    public const int MaxSessions = 5;

    // Far more per address than in total: the total cap is what stops this one test client.
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorChat:SocketIO:MaxSessions"] = MaxSessions.ToString(),
        ["ActorChat:SocketIO:MaxSessionsPerAddress"] = "1000",
    };
}

/// <summary>
/// <c>ActorChat:SocketIO:MaxSessions</c>: the Engine.IO sessions one front holds in total, beside the per-address cap
/// (the probe opened 4,000 polling handshakes in 1.6 s, 95 MB that were never given back).
/// </summary>
public sealed class EngineSessionCapTests(SessionCapServerFixture fixture) : IClassFixture<SessionCapServerFixture>
{
    [Fact]
    public async Task A_front_holds_only_so_many_Engine_IO_sessions_in_all_and_a_closed_one_gives_its_place_back()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUri };
        var sids = new List<string>();
        HttpResponseMessage refused;
        while (true)
        {
            var response = await http.GetAsync("socket.io/?EIO=4&transport=polling");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                refused = response;
                break;
            }
            sids.Add(JsonDocument.Parse((await response.Content.ReadAsStringAsync())[1..]).RootElement.GetProperty("sid").GetString()!);
            Assert.True(sids.Count <= SessionCapServerFixture.MaxSessions, "More sessions than MaxSessions were opened.");
        }
        Assert.Equal(SessionCapServerFixture.MaxSessions, sids.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Too many sessions on this server", error.GetProperty("message").GetString());

        // A WebSocket-only handshake counts against the same cap.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await UpgradeProbe.TryAsync(fixture.Server.Ws("socket.io/?EIO=4&transport=websocket"))).Status);

        // The sessions held are unharmed, and closing one frees its place.
        await http.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sids[0]}", new StringContent("40/chat,"));
        Assert.StartsWith("40/chat,", await http.GetStringAsync($"socket.io/?EIO=4&transport=polling&sid={sids[0]}"));
        await http.PostAsync($"socket.io/?EIO=4&transport=polling&sid={sids[1]}", new StringContent("1"));
        await PresenceTests.Eventually(async () => (await http.GetAsync("socket.io/?EIO=4&transport=polling")).StatusCode == HttpStatusCode.OK);
    }
}
