using ActorChat.Grains.Realtime;
using ActorChat.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Xunit;
using static ActorChat.Realtime.Tests.TutorialScenarioTests;

namespace ActorChat.Realtime.Tests;

/// <summary>A server that renews sessions every second and whose silo collects session grains idle for 2 seconds.</summary>
public sealed class RenewingServerFixture : IAsyncLifetime
{
    public static readonly TimeSpan CollectionAge = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(1);

    public ActorChatServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await ActorChatServer.StartAsync(
        new Dictionary<string, string> { ["ActorChat:Recovery:SessionRenewalInterval"] = Renewal.ToString() },
        (builder, _) => builder.Services.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionQuantum = TimeSpan.FromSeconds(1);
            o.ClassSpecificCollectionAge[typeof(SessionGrain).FullName!] = CollectionAge;
        }));

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// The front renews the session of each live connection: the session outlives Orleans' collection age however long
/// the connection lives, and knows where the client stands, so a front killed at any moment leaves it resumable.
/// </summary>
public sealed class SessionRenewalTests(RenewingServerFixture fixture) : IClassFixture<RenewingServerFixture>
{
    [Fact]
    public async Task A_live_connections_session_outlives_the_collection_age_and_holds_what_the_client_was_handed()
    {
        var room = NewRoom();
        await using var alice = await EnvelopeClient.ConnectAsync(fixture.Server.Ws("ws/chat?user=renewed-alice"));
        await using var bob = await EnvelopeClient.ConnectAsync(fixture.Server.Ws("ws/chat?user=renewed-bob"));
        await alice.EmitWithAckAsync("join", new { room });
        await bob.EmitWithAckAsync("join", new { room });
        for (var i = 1; i <= 3; i++) await bob.EmitWithAckAsync("chat", new { room, text = $"m{i}" });
        var last = (await alice.NextFrameAsync(f => f.TryGetProperty("args", out var a) && a[0].ValueKind == System.Text.Json.JsonValueKind.Object
            && a[0].TryGetProperty("text", out var t) && t.GetString() == "m3")).GetProperty("offset").GetInt64();

        // Past the collection age several times over, and past two renewals (a renewal reports the positions of the one before).
        await Task.Delay(CollectionAgeTimes(3));

        // What a front that resumes it after a crash of this one would get.
        var session = fixture.Server.Get<IGrainFactory>().GetGrain<ISessionGrain>(alice.Session!);
        var rooms = await session.Resume("renewed-alice", "/chat", "another-front-sid");
        Assert.NotNull(rooms);
        Assert.Equal(last, Assert.Single(rooms, r => r.Room == room).Offset);
    }

    private static TimeSpan CollectionAgeTimes(int times) => RenewingServerFixture.CollectionAge * times;
}
