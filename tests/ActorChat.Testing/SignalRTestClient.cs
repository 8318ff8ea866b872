using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ActorChat.WebFront.Transports.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace ActorChat.Testing;

/// <summary>
/// A SignalR .NET client of <c>/hubs/chat</c> that records every client-method call, so a test can
/// wait for the event it cares about.
/// </summary>
public sealed class SignalRTestClient : IAsyncDisposable
{
    private readonly Inbox<(string Event, JsonElement[] Args)> _events = new();

    private SignalRTestClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }
    public string Sid { get; private set; } = "";
    public string User { get; private set; } = "";
    /// <summary>The session token of the <c>connect</c> event (what <c>Resume</c> takes).</summary>
    public string? Session { get; private set; }

    private System.Net.WebSockets.ClientWebSocket? _socket;

    /// <summary>Connects to a namespace as a user and waits for the <c>connect</c> event.</summary>
    public static async Task<SignalRTestClient> ConnectAsync(IServerAddress server, string @namespace = "/", string? user = null,
        bool messagePack = false, IReadOnlyDictionary<string, int>? arities = null, string? accessToken = null, bool statefulReconnect = false, bool abortable = false)
    {
        var query = $"?namespace={Uri.EscapeDataString(@namespace)}" + (user is null ? "" : $"&user={Uri.EscapeDataString(user)}");
        SignalRTestClient? client = null;
        var builder = new HubConnectionBuilder().WithUrl(server.Http("hubs/chat" + query), options =>
        {
            if (accessToken is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            if (!abortable) return;
            options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            // The socket is kept so a test can cut it the way a network does (AbortSocket).
            options.WebSocketFactory = async (context, cancel) =>
            {
                var socket = new System.Net.WebSockets.ClientWebSocket();
                await socket.ConnectAsync(context.Uri, cancel);
                client!._socket = socket;
                return socket;
            };
        });
        if (messagePack) builder.AddMessagePackProtocol();
        if (statefulReconnect) builder.WithStatefulReconnect();
        client = new SignalRTestClient(builder.Build());
        // A SignalR client method has a fixed parameter count; most events here carry one argument.
        foreach (var name in new[] { "connect", "error", "message", "presence", "my event", "chat", "json" })
            client.Listen(name, arities?.GetValueOrDefault(name, 1) ?? 1);
        foreach (var (name, arity) in arities ?? new Dictionary<string, int>())
            client.Listen(name, arity);
        await client.Connection.StartAsync();
        var connect = await client.NextEventAsync("connect");
        client.Sid = connect[0].GetProperty("sid").GetString()!;
        client.User = connect[0].GetProperty("user").GetString()!;
        client.Session = connect[0].TryGetProperty("session", out var session) ? session.GetString() : null;
        return client;
    }

    /// <summary>Records calls of a client method (the server calls one per event name) with that many arguments.</summary>
    private void Listen(string @event, int arity)
    {
        if (_listening.Add(@event))
            Connection.On(@event, Enumerable.Repeat(typeof(object), arity).ToArray(), args =>
            {
                _events.Add((@event, args.Select(PlainValues.ToJson).ToArray()));
                return Task.CompletedTask;
            });
    }

    private readonly HashSet<string> _listening = [];

    public async Task<JsonElement[]> NextEventAsync(string @event, Func<JsonElement[], bool>? match = null, TimeSpan? timeout = null) =>
        (await _events.NextAsync(e => e.Event == @event && (match is null || match(e.Args)), timeout)).Args;

    public Task<bool> ReceivesNoneAsync(string @event, TimeSpan window) => _events.ReceivesNoneAsync(e => e.Event == @event, window);

    /// <summary>Cuts the connection's WebSocket without a close handshake, as a network failure does.</summary>
    public void AbortSocket() => _socket?.Abort();

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
