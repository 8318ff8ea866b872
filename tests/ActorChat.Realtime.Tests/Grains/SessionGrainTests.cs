using ActorChat.Grains.Realtime;
using ActorChat.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;
using Xunit;

namespace ActorChat.Realtime.Tests.Grains;

/// <summary>
/// A one-silo cluster whose session grains are collected after 2 idle seconds (Orleans' default is 15 minutes), with a
/// session window of 10 seconds on a clock the tests can move forward.
/// </summary>
public sealed class SessionCluster : IAsyncLifetime
{
    public static readonly TimeSpan CollectionAge = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>The silo's clock: real time, moved forward by the tests (silos of a test cluster run in this process).</summary>
    public static ShiftedClock Clock { get; } = new();

    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<Configurator>().Build();

    public ValueTask InitializeAsync() => new(Cluster.DeployAsync());

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo
            .Configure<GrainCollectionOptions>(o =>
            {
                o.CollectionQuantum = TimeSpan.FromSeconds(1);
                o.ClassSpecificCollectionAge[typeof(SessionGrain).FullName!] = CollectionAge;
            })
            .ConfigureServices(services => services
                .AddSingleton<TimeProvider>(Clock)
                .AddSingleton(Options.Create(new RecoveryOptions { SessionWindow = Window })))
            .AddActorChatGrains(new FrontDirectoryOptions());
    }

    public sealed class ShiftedClock : TimeProvider
    {
        private long _shift;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _shift, by.Ticks);

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _shift));
    }
}

/// <summary>
/// Session liveness: a live connection's front renews its session, which keeps it (whatever Orleans' collection age) and
/// where the client stands; once the renewals stop (the front was killed) the session counts as dropped at the last one.
/// </summary>
public sealed class SessionGrainTests(SessionCluster fixture) : IClassFixture<SessionCluster>
{
    private const string Namespace = "/chat";

    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task A_renewed_session_idle_past_the_collection_age_still_resumes_from_its_last_renewal()
    {
        var session = Session();
        await session.Open("ann", Namespace, "sid-1");
        await session.Joined(new RoomPosition("room1", "e1", 3));
        await session.Renew("ann", Namespace, "sid-1", [new RoomPosition("room1", "e1", 7)]);

        // Collected after 2 idle seconds, checked every second: past this, only the renewal keeps it.
        await Task.Delay(SessionCluster.CollectionAge * 2 + TimeSpan.FromSeconds(1));

        Assert.Equal([new RoomPosition("room1", "e1", 7)], await Resumed(session, "ann", Namespace, "sid-2"));
    }

    [Fact]
    public async Task Renewals_keep_a_session_past_its_window_and_once_they_stop_it_expires_a_window_after_the_last()
    {
        var session = Session();
        await session.Open("ann", Namespace, "sid-1");
        await session.Joined(new RoomPosition("room1", "e1", 1));
        for (var i = 0; i < 3; i++)
        {
            SessionCluster.Clock.Advance(SessionCluster.Window * 0.6);
            await session.Renew("ann", Namespace, "sid-1", [new RoomPosition("room1", "e1", 10 + i)]);
        }
        // 1.8 windows since it opened, 0.9 since its last renewal: resumable, from the last renewal's position.
        SessionCluster.Clock.Advance(SessionCluster.Window * 0.9);
        Assert.Equal([new RoomPosition("room1", "e1", 12)], await Resumed(session, "ann", Namespace, "sid-2"));

        // The resumed connection's front never renews it (killed): a window and a moment later it is gone.
        SessionCluster.Clock.Advance(SessionCluster.Window + TimeSpan.FromSeconds(1));
        Assert.Null(await session.Resume("ann", Namespace, "sid-3"));
    }

    [Fact]
    public async Task A_renewal_moves_known_rooms_forward_or_to_a_new_epoch_and_adds_or_revives_nothing()
    {
        var session = Session();
        await session.Open("ann", Namespace, "sid-1");
        await session.Joined(new RoomPosition("room1", "e1", 5));
        await session.Joined(new RoomPosition("room2", "e1", 5));
        await session.Left("room2");
        // Older than what the session has, a room it left, a room it never heard of: none of it counts.
        await session.Renew("ann", Namespace, "sid-1", [new RoomPosition("room1", "e1", 2), new RoomPosition("room2", "e1", 9), new RoomPosition("room3", "e1", 9)]);
        Assert.Equal([new RoomPosition("room1", "e1", 5)], await Resumed(session, "ann", Namespace, "sid-2"));
        // The room's history was lost (a new epoch): the client's place is in the new one.
        await session.Renew("ann", Namespace, "sid-2", [new RoomPosition("room1", "e2", 1)]);
        Assert.Equal([new RoomPosition("room1", "e2", 1)], await Resumed(session, "ann", Namespace, "sid-3"));

        var dropped = Session();
        await dropped.Open("ann", Namespace, "sid-1");
        await dropped.Dropped("ann", Namespace, "sid-1", [new RoomPosition("room1", "e1", 6)]);
        // A renewal that was on its way when the connection dropped does not make it live again.
        SessionCluster.Clock.Advance(SessionCluster.Window * 0.9);
        await dropped.Renew("ann", Namespace, "sid-1", [new RoomPosition("room1", "e1", 6)]);
        SessionCluster.Clock.Advance(SessionCluster.Window * 0.2);
        Assert.Null(await dropped.Resume("ann", Namespace, "sid-2"));
    }

    [Fact]
    public async Task A_session_lost_while_its_connection_lived_is_made_again_by_the_next_renewal_for_its_user_only()
    {
        var session = Session();
        await session.Renew("ann", Namespace, "sid-1", [new RoomPosition("room1", "e1", 4)]);

        Assert.Null(await session.Resume("eve", Namespace, "sid-2"));
        Assert.Null(await session.Resume("ann", "/other", "sid-2"));
        Assert.Equal([new RoomPosition("room1", "e1", 4)], await Resumed(session, "ann", Namespace, "sid-2"));
    }

    private static async Task<RoomPosition[]> Resumed(ISessionGrain session, string user, string @namespace, string sid) =>
        await session.Resume(user, @namespace, sid) ?? throw new Xunit.Sdk.XunitException($"The session did not resume for {user} in {@namespace}.");

    private ISessionGrain Session() => Client.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N"));
}
