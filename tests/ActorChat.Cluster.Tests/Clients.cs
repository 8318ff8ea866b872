using System.Net.Http.Json;
using System.Text.Json;
using ActorChat.Testing;

namespace ActorChat.Cluster.Tests;

/// <summary>Clients of a cluster's fronts, and its HTTP API, as the cluster tests use them.</summary>
public static class Clients
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public static Task<EnvelopeClient> WebSocketAsync(IServerAddress front, string user) =>
        EnvelopeClient.ConnectAsync(front.Ws($"ws/chat?user={Uri.EscapeDataString(user)}"));

    public static Task<SignalRTestClient> SignalRAsync(IServerAddress front, string user, params string[] events) =>
        SignalRTestClient.ConnectAsync(front, "/chat", user, arities: events.ToDictionary(e => e, _ => 1));

    public static Task<NodeSocketClient> SocketIOAsync(NodeClients node, IServerAddress front, string user) =>
        NodeSocketClient.ConnectAsync(node, front.BaseUri, "/chat", "websocket", user);

    /// <summary><c>GET /api/namespaces/chat/rooms/{room}/members</c>: the users in the room.</summary>
    public static async Task<string[]> MembersAsync(IServerAddress front, string room)
    {
        var members = await GetAsync(front, $"api/namespaces/chat/rooms/{Uri.EscapeDataString(room)}/members");
        return members.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("user").GetString()!).Order().ToArray();
    }

    /// <summary><c>GET /api/namespaces/chat/rooms/{room}/messages</c>: the room's kept history, <c>{epoch, messages}</c>.</summary>
    public static Task<JsonElement> HistoryAsync(IServerAddress front, string room) =>
        GetAsync(front, $"api/namespaces/chat/rooms/{Uri.EscapeDataString(room)}/messages");

    /// <summary><c>GET /api/users/{id}</c>: the user's live connection ids.</summary>
    public static async Task<string[]> ConnectionsOfAsync(IServerAddress front, string user)
    {
        var presence = await GetAsync(front, $"api/users/{Uri.EscapeDataString(user)}");
        return presence.GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("sid").GetString()!).ToArray();
    }

    /// <summary><c>POST /api/namespaces/chat/events</c>: server push to the namespace, a room, a user or a connection.</summary>
    public static async Task PushAsync(IServerAddress front, string @event, object? to, params object?[] args)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, front.Http("api/namespaces/chat/events"))
        {
            Content = JsonContent.Create(to is null ? new { @event, args } : (object)new { @event, args, to }),
        };
        request.Headers.Add("X-Api-Key", LocalCluster.ApiKey);
        using var response = await Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Push answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> GetAsync(IServerAddress front, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, front.Http(path));
        request.Headers.Add("X-Api-Key", LocalCluster.ApiKey);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Emits with an ack and returns "ok", or the code of the error event that came instead.</summary>
    public static async Task<string> EmitOrErrorAsync(EnvelopeClient client, string @event, object payload)
    {
        var errorsBefore = client.ReceivedEvents("error").Count();
        // Longer than a front waits for the cluster (ActorChat:Cluster:ResponseTimeout), so the error comes first.
        await client.EmitAndWaitHandledAsync(TimeSpan.FromSeconds(20), @event, payload);
        var errors = client.ReceivedEvents("error").ToList();
        if (errors.Count > errorsBefore)
        {
            // Consume it, so the next wait does not see it again.
            await client.NextEventAsync("error");
            return errors[^1][0].GetProperty("code").GetString()!;
        }
        return "ok";
    }

    /// <summary>Whether a presence event says this user arrived in or left this room.</summary>
    public static Func<JsonElement[], bool> Presence(string room, string user, string status) =>
        args => args[0].GetProperty("room").GetString() == room && args[0].GetProperty("user").GetString() == user
            && args[0].GetProperty("status").GetString() == status;

    /// <summary>Whether a relayed event carries this text.</summary>
    public static Func<JsonElement[], bool> Text(string text) =>
        args => args.Length > 0 && args[0].ValueKind == JsonValueKind.Object && args[0].TryGetProperty("text", out var t) && t.GetString() == text;

    /// <summary>A raw WebSocket frame of a <c>chat</c> event whose text is <paramref name="text"/>.</summary>
    public static bool IsChat(JsonElement frame, string text) =>
        frame.TryGetProperty("event", out var e) && e.GetString() == "chat" && Text(text)(frame.GetProperty("args").EnumerateArray().ToArray());

    /// <summary>A name no other test uses: <paramref name="name"/> and 8 random hex digits.</summary>
    public static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];

    /// <summary>Retries a check until it passes or the time is up; returns how long it took.</summary>
    public static async Task<TimeSpan> EventuallyAsync(TimeSpan within, Func<Task<bool>> check, Func<string>? describe = null)
    {
        var started = DateTime.UtcNow;
        Exception? last = null;
        while (DateTime.UtcNow - started < within)
        {
            try
            {
                if (await check()) return DateTime.UtcNow - started;
                last = null;
            }
            catch (Exception ex)
            {
                last = ex;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Not true within {within}. {describe?.Invoke()} {last?.Message}");
    }
}
