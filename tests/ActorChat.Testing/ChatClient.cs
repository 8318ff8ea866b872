using System.Text.Json;
using ActorChat.WebFront.Transports.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ActorChat.Testing;

/// <summary>A client of the event model over one transport, so one scenario can be replayed over each.</summary>
public interface IChatClient : IAsyncDisposable
{
    string Sid { get; }
    string User { get; }

    /// <summary>Emits and returns once the server has handled the event.</summary>
    Task EmitAsync(string @event, params object?[] args);

    Task<JsonElement[]> EmitWithAckAsync(string @event, params object?[] args);

    /// <summary>An unnamed send (the event <c>message</c>).</summary>
    Task SendAsync(object? data);

    Task<JsonElement[]> NextEventAsync(string @event, Func<JsonElement[], bool>? match = null, TimeSpan? timeout = null);

    Task<bool> ReceivesNoneAsync(string @event, TimeSpan window);
}

/// <summary>The transports a scenario is replayed over.</summary>
public static class ChatTransports
{
    public const string WebSocket = "websocket";
    public const string SignalRJson = "signalr-json";
    public const string SignalRMessagePack = "signalr-msgpack";

    public static readonly string[] All = [WebSocket, SignalRJson, SignalRMessagePack];

    public static async Task<IChatClient> ConnectAsync(IServerAddress server, string transport, string @namespace = "/",
        string? user = null, IReadOnlyDictionary<string, int>? arities = null, params string[] events) => transport switch
    {
        WebSocket => new EnvelopeChatClient(await EnvelopeClient.ConnectAsync(server.Ws(
            (@namespace == "/" ? "ws" : "ws" + @namespace) + (user is null ? "" : $"?user={Uri.EscapeDataString(user)}")))),
        SignalRJson or SignalRMessagePack => new SignalRChatClient(await SignalRTestClient.ConnectAsync(
            server, @namespace, user, messagePack: transport == SignalRMessagePack,
            events.ToDictionary(e => e, _ => 1).Concat(arities ?? new Dictionary<string, int>()).ToDictionary())),
        _ => throw new ArgumentOutOfRangeException(nameof(transport)),
    };
}

internal sealed class EnvelopeChatClient(EnvelopeClient client) : IChatClient
{
    public string Sid => client.Sid;
    public string User => client.User;

    // The envelope has no completion signal of its own, so "handled" is observed through an ack, or
    // through the error event that replaces it (left in place for the test to read).
    public Task EmitAsync(string @event, params object?[] args) => client.EmitAndWaitHandledAsync(@event, args);

    public Task<JsonElement[]> EmitWithAckAsync(string @event, params object?[] args) => client.EmitWithAckAsync(@event, args);

    public Task SendAsync(object? data) => client.EmitAsync("message", data);

    public Task<JsonElement[]> NextEventAsync(string @event, Func<JsonElement[], bool>? match = null, TimeSpan? timeout = null) =>
        client.NextEventAsync(@event, match, timeout);

    public Task<bool> ReceivesNoneAsync(string @event, TimeSpan window) => client.ReceivesNoneAsync(@event, window);

    public ValueTask DisposeAsync() => client.DisposeAsync();
}

internal sealed class SignalRChatClient(SignalRTestClient client) : IChatClient
{
    public string Sid => client.Sid;
    public string User => client.User;

    public Task EmitAsync(string @event, params object?[] args) => client.Connection.InvokeAsync("Emit", @event, Plain(args));

    public async Task<JsonElement[]> EmitWithAckAsync(string @event, params object?[] args)
    {
        var answer = await client.Connection.InvokeAsync<object?[]>("EmitWithAck", @event, Plain(args));
        return answer.Select(PlainValues.ToJson).ToArray();
    }

    public Task SendAsync(object? data) => client.Connection.InvokeAsync("Send", Plain([data])[0]);

    public Task<JsonElement[]> NextEventAsync(string @event, Func<JsonElement[], bool>? match = null, TimeSpan? timeout = null) =>
        client.NextEventAsync(@event, match, timeout);

    public Task<bool> ReceivesNoneAsync(string @event, TimeSpan window) => client.ReceivesNoneAsync(@event, window);

    public ValueTask DisposeAsync() => client.DisposeAsync();

    // Both hub protocols carry plain values; anonymous objects are not something MessagePack can write.
    private static object?[] Plain(object?[] args) =>
        args.Select(a => PlainValues.FromJson(JsonSerializer.SerializeToElement(a, JsonSerializerOptions.Web))).ToArray();
}
