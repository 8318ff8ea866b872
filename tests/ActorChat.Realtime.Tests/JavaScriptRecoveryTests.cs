using System.Text.Json;
using ActorChat.Testing;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;

namespace ActorChat.Realtime.Tests;

/// <summary>
/// Reconnecting with the JavaScript clients users run, written as docs/protocol.md ("Reconnecting") tells them to:
/// <c>ws</c> (tests/js/recovery-ws.mjs) and <c>@microsoft/signalr</c> (tests/js/recovery-signalr.mjs, whose connection
/// goes through a TCP relay that resets its sockets and holds the reconnect for a while). Each script plays one
/// scenario with three users, Alice who drops, Bob who talks meanwhile and Carol who asks who is in the room, and
/// prints what each saw; the assertions are here.
/// </summary>
public sealed class JavaScriptRecoveryTests(ServerFixtureWithDefaults fixture, NodeClients node)
    : IClassFixture<ServerFixtureWithDefaults>, IClassFixture<NodeClients>
{
    private static readonly string[] TenThenNew = [.. Enumerable.Range(1, 10).Select(i => $"m{i}"), "new"];

    public static TheoryData<string> ForeignTokens => new() { "unknown", "malformed", "others" };

    [Fact]
    public async Task A_ws_client_whose_socket_died_resumes_with_its_offsets_and_gets_the_ten_it_missed_in_order_once_then_new_ones()
    {
        var report = await RunAsync("recovery-ws.mjs", WsBase, "resume", NewRoom());

        Assert.Equal(report.GetProperty("session").GetString(), report.GetProperty("resumedSession").GetString());
        Assert.True(report.GetProperty("resumed").GetProperty("recovered").GetBoolean());
        Assert.Equal(10, report.GetProperty("resumed").GetProperty("missed").GetInt32());
        // Everything the resumed connection heard, in order: the ten, then `resumed`, then the new one; nothing twice.
        Assert.Equal(["connect", .. TenThenNew[..10], "resumed", "new"], Strings(report, "heard"));
        var lastSeen = report.GetProperty("lastSeen").GetInt64();
        Assert.Equal(Enumerable.Range(1, 11).Select(i => lastSeen + i), report.GetProperty("offsets").EnumerateArray().Select(o => o.GetInt64()));
        AssertPresentThroughout(report, "ws-alice");
    }

    [Fact]
    public async Task A_SignalR_client_with_stateful_reconnect_loses_nothing_in_a_blip_and_keeps_its_connection()
    {
        var report = await RunAsync("recovery-signalr.mjs", HttpBase, "stateful", NewRoom());

        Assert.Empty(Strings(report, "heardDuringOutage"));
        Assert.Equal(TenThenNew, Strings(report, "heard"));
        Assert.True(report.GetProperty("sameConnection").GetBoolean(), "stateful reconnect goes on with the same connection");
        Assert.Equal("Connected", report.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("closed").ValueKind);
        Assert.True(report.GetProperty("relayedConnections").GetInt32() > 1, "the client reconnected its socket through the relay");
        Assert.True(report.GetProperty("goneAfterStop").GetBoolean(), "after stop() the front no longer lists the connection");
        AssertPresentThroughout(report, "sr-alice");
    }

    [Fact]
    public async Task A_SignalR_client_with_stateful_reconnect_whose_network_never_comes_back_leaves_its_room_once_the_front_gives_up()
    {
        var report = await RunAsync("recovery-signalr.mjs", HttpBase, "abandoned", NewRoom());

        // SignalR keeps the connection 15 s for the socket to come back; then it ends as a dropped one: the presence
        // grace passes, the room hears it left once, and its members no longer list it.
        Assert.InRange(report.GetProperty("offlineAfterMs").GetInt32(), 0, 45_000);
        Assert.Equal(["left"], Strings(report, "announced"));
        Assert.DoesNotContain("sr-alice", Users(report.GetProperty("membersAfter")));
    }

    [Fact]
    public async Task A_SignalR_client_with_automatic_reconnect_calls_Resume_and_gets_its_room_and_the_ten_it_missed_in_order_once()
    {
        var report = await RunAsync("recovery-signalr.mjs", HttpBase, "resume", NewRoom());

        Assert.Empty(Strings(report, "heardDuringOutage"));
        Assert.True(report.GetProperty("newConnection").GetBoolean());
        var sessions = Strings(report, "sessions");
        Assert.Equal(2, sessions.Length);
        Assert.NotEqual(sessions[0], sessions[1]);
        Assert.True(report.GetProperty("answer").GetProperty("recovered").GetBoolean());
        Assert.Equal(10, report.GetProperty("answer").GetProperty("missed").GetInt32());
        // The new connection's `connect`, then the ten and the new one, each once.
        Assert.Equal(["connect", .. TenThenNew], Strings(report, "heard"));
        AssertPresentThroughout(report, "sr-alice");
    }

    [Theory]
    [MemberData(nameof(ForeignTokens))]
    public async Task A_ws_client_reconnecting_with_a_token_not_its_own_gets_session_unknown_learns_nothing_and_has_a_fresh_connection(string kind)
    {
        var room = NewRoom();
        var report = await RunAsync("recovery-ws.mjs", WsBase, "foreign", room, kind);

        Assert.NotEqual(report.GetProperty("presented").GetString(), report.GetProperty("session").GetString());
        Assert.False(report.GetProperty("resumed").GetProperty("recovered").GetBoolean());
        Assert.Equal(0, report.GetProperty("resumed").GetProperty("missed").GetInt32());
        // One error, for the token; the `resume` event the client sent as told to is no second mistake.
        Assert.Equal(["session_unknown"], Strings(report, "errors"));
        // A fresh connection: it joined a room of its own and heard only that.
        Assert.Equal(["connect", "error", "resumed", "presence", "message"], Strings(report, "heard"));
        AssertRevealsNothingOf(report, room);
        Assert.True(report.GetProperty("ownerResumed").GetProperty("recovered").GetBoolean(), "the owner's session is still the owner's");
    }

    [Theory]
    [MemberData(nameof(ForeignTokens))]
    public async Task A_SignalR_client_resuming_a_token_not_its_own_gets_session_unknown_learns_nothing_and_its_connection_stays_usable(string kind)
    {
        var room = NewRoom();
        var report = await RunAsync("recovery-signalr.mjs", HttpBase, "foreign", room, kind);

        Assert.False(report.GetProperty("answer").GetProperty("recovered").GetBoolean());
        Assert.Equal(0, report.GetProperty("answer").GetProperty("missed").GetInt32());
        Assert.Equal(["session_unknown"], Strings(report, "errors"));
        Assert.Equal(["connect", "error", "presence", "message: sr-eve has entered the room."], Strings(report, "heard"));
        AssertRevealsNothingOf(report, room);
        Assert.True(report.GetProperty("ownerAnswer").GetProperty("recovered").GetBoolean(), "the owner's session is still the owner's");
    }

    /// <summary>Carol listed the user while it was away and after; neither Bob nor Carol heard it leave or join again.</summary>
    private static void AssertPresentThroughout(JsonElement report, string user)
    {
        Assert.Contains(user, Users(report.GetProperty("membersDuringOutage")));
        var after = report.GetProperty("membersAfter").EnumerateArray().Single(u => u.GetProperty("user").GetString() == user);
        Assert.Equal(1, after.GetProperty("connections").GetInt32());
        Assert.Empty(Strings(report.GetProperty("announced"), "bob"));
        Assert.Empty(Strings(report.GetProperty("announced"), "carol"));
    }

    private static void AssertRevealsNothingOf(JsonElement report, string ownersRoom)
    {
        // Eve's own room is named after the owner's ("<room>-eve"): only that name may appear, never the owner's alone.
        var everything = report.GetProperty("everything").GetString()!.Replace($"{ownersRoom}-eve", "");
        Assert.DoesNotContain(ownersRoom, everything);
        Assert.DoesNotContain("-owner", everything);
    }

    private async Task<JsonElement> RunAsync(string script, params string[] args)
    {
        var (exitCode, output) = await node.RunAsync(TimeSpan.FromSeconds(90), script, args);
        Assert.True(exitCode == 0, output);
        var report = JsonDocument.Parse(output.Split('\n').Last(l => l.StartsWith('{'))).RootElement.Clone();
        Assert.False(report.TryGetProperty("failure", out var failure), failure.ToString());
        return report;
    }

    private string WsBase => fixture.Server.Ws("").ToString().TrimEnd('/');

    private string HttpBase => fixture.Server.BaseUri.ToString().TrimEnd('/');

    private static string?[] Strings(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetString()).ToArray();

    private static IEnumerable<string?> Users(JsonElement members) => members.EnumerateArray().Select(u => u.GetProperty("user").GetString());
}
