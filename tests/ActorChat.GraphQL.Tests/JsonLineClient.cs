using System.Text.Json;
using ActorChat.Testing;

namespace ActorChat.GraphQL.Tests;

/// <summary>
/// A node client script of <c>tests/js</c> that prints JSON lines and reads JSON commands: the npm graphql-ws client
/// (<c>graphql-ws-client.mjs</c>) or socket.io-client (<c>socketio-json-client.mjs</c>). Lines wait in an inbox until
/// a test asks for the one it expects.
/// </summary>
public sealed class JsonLineClient : IAsyncDisposable
{
    private readonly NodeClient _node;
    private readonly Inbox<JsonElement> _lines = new();
    private readonly Task _pump;
    private volatile bool _stopping;

    private JsonLineClient(NodeClient node)
    {
        _node = node;
        _pump = Task.Run(async () =>
        {
            // A killed process may never report the end of its output, so the pump looks up now and then.
            while (!_stopping)
            {
                try
                {
                    _lines.Add(await _node.NextLineAsync(TimeSpan.FromMilliseconds(250)));
                }
                catch (TimeoutException)
                {
                }
            }
            _lines.Close();
        });
    }

    /// <summary>The npm graphql-ws client connected to <paramref name="url"/>; <paramref name="options"/> as the script takes them.</summary>
    public static JsonLineClient GraphQLWs(Uri url, object? options = null) =>
        new(NodeClient.StartWithInput("graphql-ws-client.mjs", url.ToString(), JsonSerializer.Serialize(options ?? new { })));

    /// <summary>socket.io-client connected to a namespace over WebSocket.</summary>
    public static async Task<(JsonLineClient Client, string Sid)> SocketIOAsync(Uri baseUri, string @namespace, string user)
    {
        var client = new JsonLineClient(NodeClient.StartWithInput("socketio-json-client.mjs", baseUri.ToString(), @namespace, user));
        var connected = await client.NextAsync(l => l.TryGetProperty("connected", out _) || l.TryGetProperty("connectError", out _));
        Assert.True(connected.TryGetProperty("connected", out var sid), connected.ToString());
        return (client, sid.GetString()!);
    }

    public Task SendAsync(object command) => _node.SendAsync(command);

    public Task<JsonElement> NextAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null) =>
        _lines.NextAsync(match, timeout, () => "a line matching the test's expectation");

    public Task<bool> ReceivesNoneAsync(Func<JsonElement, bool> match, TimeSpan window) => _lines.ReceivesNoneAsync(match, window);

    // graphql-ws: operations by the names the test gives them.

    public Task SubscribeAsync(string name, string query, object? variables = null, string? operationName = null) =>
        SendAsync(new { subscribe = name, query, variables, operationName });

    public Task CompleteAsync(string name) => SendAsync(new { complete = name });

    /// <summary>The next result of an operation (its <c>next</c> payload).</summary>
    public async Task<JsonElement> NextResultAsync(string name) =>
        (await NextAsync(l => Is(l, name) && l.TryGetProperty("next", out _))).GetProperty("next");

    /// <summary>The errors an operation ended with (its <c>error</c> payload).</summary>
    public async Task<JsonElement> ErrorAsync(string name) =>
        (await NextAsync(l => Is(l, name) && l.TryGetProperty("error", out _))).GetProperty("error");

    public Task CompletedAsync(string name) => NextAsync(l => Is(l, name) && l.TryGetProperty("complete", out _));

    public Task ConnectedAsync() => NextAsync(l => l.TryGetProperty("event", out var e) && e.GetString() == "connected");

    /// <summary>The close code (and reason) the socket was closed with.</summary>
    public async Task<(int Code, string Reason)> ClosedAsync(TimeSpan? timeout = null)
    {
        var closed = await NextAsync(l => l.TryGetProperty("event", out var e) && e.GetString() == "closed", timeout);
        return (closed.GetProperty("code").GetInt32(), closed.GetProperty("reason").GetString() ?? "");
    }

    private static bool Is(JsonElement line, string name) => line.TryGetProperty("name", out var n) && n.GetString() == name;

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _node.DisposeAsync();
        await _pump;
    }
}
