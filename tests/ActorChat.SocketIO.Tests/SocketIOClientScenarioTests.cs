using ActorChat.Testing;

namespace ActorChat.SocketIO.Tests;

/// <summary>
/// The Flask-SocketIO tutorial's scenarios with the real socket.io-client 4.8 in node (tests/js/socketio-scenarios.cjs), against
/// the namespaces <c>/</c>, <c>/chat</c> and <c>/socketTest</c>, with the default transports (polling,
/// then the upgrade to WebSocket) and WebSocket only.
/// </summary>
public sealed class SocketIOClientScenarioTests(ServerFixture fixture, NodeClients node)
    : IClassFixture<ServerFixture>, IClassFixture<NodeClients>
{
    public static readonly string[] Scenarios =
    [
        "connect", "upgrade", "class_namespace", "send_string", "send_json", "emit_one_argument", "emit_three_arguments",
        "arity_error", "join_and_leave", "two_rooms", "broadcast", "push_to_sid", "push_to_user", "ack_from_server",
        "binary", "unknown_namespace", "multiplexed",
    ];

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var scenario in Scenarios)
            foreach (var transport in new[] { "default", "websocket" })
                cases.Add(scenario, transport);
        return cases;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Scenario_passes_with_socket_io_client(string scenario, string transport)
    {
        var (exitCode, output) = await node.RunAsync(TimeSpan.FromSeconds(60), "socketio-scenarios.cjs", fixture.Server.BaseUri.ToString(), scenario, transport);
        Assert.True(exitCode == 0 && output.Contains($"PASS {scenario}"), output);
    }
}
