using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using ActorChat.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace ActorChat.Realtime.Tests;

public sealed class GuardedServerFixture : IAsyncLifetime
{
    public ActorChatServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await GuardedNamespace.StartServerAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>A namespace handler can refuse a client before it is registered; each transport says so in its own form.</summary>
public sealed class RefusalTests(GuardedServerFixture fixture) : IClassFixture<GuardedServerFixture>
{
    private ActorChatServer Server => fixture.Server;

    [Fact]
    public async Task A_refused_WebSocket_client_gets_close_1008_with_the_reason_and_is_never_registered()
    {
        await using var refused = await EnvelopeClient.OpenAsync(Server.Ws($"ws/guarded?user={GuardedNamespace.RefusedUser}"));
        await refused.WaitClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, refused.CloseStatus);
        Assert.Equal("mallory may not connect.", refused.CloseDescription);
        Assert.True(await refused.ReceivesNoneAsync("connect", TimeSpan.FromMilliseconds(100)));

        using var http = new HttpClient();
        var presence = await http.GetFromJsonAsync<JsonElement>(Server.Http($"api/users/{GuardedNamespace.RefusedUser}"));
        Assert.False(presence.GetProperty("online").GetBoolean());

        await using var welcome = await EnvelopeClient.ConnectAsync(Server.Ws("ws/guarded?user=alice"));
        Assert.Equal("welcome", (await welcome.NextEventAsync("message"))[0].GetString());
    }

    [Fact]
    public async Task A_refused_SignalR_client_is_closed_with_the_reason()
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(Server.Http($"hubs/chat?namespace=%2Fguarded&user={GuardedNamespace.RefusedUser}")).Build();
        var closed = new TaskCompletionSource<Exception?>();
        connection.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        connection.On<object>("connect", _ => closed.TrySetException(new InvalidOperationException("A refused client heard 'connect'.")));
        try
        {
            await connection.StartAsync();
        }
        catch (Exception ex)
        {
            closed.TrySetResult(ex);
        }
        var error = await closed.Task.WaitAsync(EnvelopeClient.DefaultTimeout);
        Assert.Contains("mallory may not connect.", error?.Message ?? "");

        await using var welcome = await SignalRTestClient.ConnectAsync(Server, GuardedNamespace.Name, "alice");
        Assert.Equal("welcome", (await welcome.NextEventAsync("message"))[0].GetString());
    }
}
