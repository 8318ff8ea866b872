using System.Collections.Concurrent;
using Xunit;
using System.Text.Json;

namespace ActorChat.Realtime.Tests.Grains;

/// <summary>
/// A front as grains see it, driven by a test: it holds a lease as a real front does (renewing until
/// told to stop), answers a rebuilding grain from the members it registered, and records every
/// delivery. A real front is <c>ActorChat.WebFront.Realtime.Cluster</c>; this one has no sockets.
/// </summary>
public sealed class FakeFront : IFrontObserver, IAsyncDisposable
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromMilliseconds(300);

    private readonly IClusterClient _client;
    private readonly ConcurrentDictionary<(MemberScope Scope, string Key), ConcurrentDictionary<string, ClientConnection>> _members = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _present = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _renewing = Task.CompletedTask;

    private FakeFront(IClusterClient client, string id)
    {
        _client = client;
        Id = id;
        Reference = client.CreateObjectReference<IFrontObserver>(this);
    }

    public string Id { get; }
    public long Epoch { get; private set; } = 1;
    public IFrontObserver Reference { get; }
    public FrontEntry Entry => new(Id, Reference, Epoch);
    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    /// <summary>While true, rebuild questions fail as if the front did not answer.</summary>
    public volatile bool Silent;

    public int DescribeCalls;

    /// <summary>Starts a front with a fresh eight-character id (the prefix of its connection ids).</summary>
    public static async Task<FakeFront> StartAsync(IClusterClient client)
    {
        var front = new FakeFront(client, Guid.NewGuid().ToString("N")[..8]);
        Assert.True((await front.Directory.Renew(front.Entry, register: true)).Renewed);
        front._renewing = front.RenewAsync(front._stop.Token);
        return front;
    }

    private IFrontDirectoryGrain Directory => _client.GetGrain<IFrontDirectoryGrain>(IFrontDirectoryGrain.Key);

    public ClientConnection Connection(string user, string ns = "/chat") =>
        new($"{Id}.{Guid.NewGuid().ToString("N")[..16]}", ns, user, "test", Id);

    /// <summary>Registers a connection with its user and namespace grains.</summary>
    public async Task<ClientConnection> ConnectAsync(string user, string ns = "/chat")
    {
        var connection = Connection(user, ns);
        await _client.GetGrain<IUserGrain>(user).AddConnection(connection, Entry);
        await _client.GetGrain<INamespaceGrain>(ns).AddConnection(connection, Entry);
        Remember(MemberScope.User, user, connection);
        Remember(MemberScope.Namespace, ns, connection);
        return connection;
    }

    public async Task<RoomChange> JoinAsync(string roomKey, ClientConnection connection)
    {
        // Like a real front, a member counts in a rebuild only once its join has landed: the join announces it.
        var change = await _client.GetGrain<IRoomGrain>(roomKey).Join(connection, Entry);
        Remember(MemberScope.Room, roomKey, connection);
        return change;
    }

    public async Task<RoomChange> LeaveAsync(string roomKey, ClientConnection connection)
    {
        _members.GetValueOrDefault((MemberScope.Room, roomKey))?.TryRemove(connection.Sid, out _);
        return await _client.GetGrain<IRoomGrain>(roomKey).Leave(connection.Sid);
    }

    /// <summary>Stops renewing the lease, as a front that died or froze.</summary>
    public async Task StopRenewingAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
    }

    /// <summary>What a real front does when the directory says its lease expired: register afresh and re-tell every grain.</summary>
    public async Task RegisterAgainAsync()
    {
        Assert.False((await Directory.Renew(Entry, register: false)).Renewed);
        await RetellAsync();
    }

    private async Task RetellAsync()
    {
        Epoch++;
        Assert.True((await Directory.Renew(Entry, register: true)).Renewed);
        foreach (var ((scope, key), members) in _members)
        {
            IFrontMemberGrain grain = scope switch
            {
                MemberScope.User => _client.GetGrain<IUserGrain>(key),
                MemberScope.Namespace => _client.GetGrain<INamespaceGrain>(key),
                _ => _client.GetGrain<IRoomGrain>(key),
            };
            await grain.SyncFront(Entry, members.Values.ToArray());
        }
    }

    /// <summary>The <c>presence</c> events delivered here: (user, status) in order.</summary>
    public List<(string User, string Status)> Presence(string room) =>
        Deliveries.Where(d => d.Event.Name == "presence")
            .Select(d => JsonDocument.Parse(d.Event.ArgsJson).RootElement[0])
            .Where(p => p.GetProperty("room").GetString() == room)
            .Select(p => (p.GetProperty("user").GetString()!, p.GetProperty("status").GetString()!))
            .ToList();

    public Task Deliver(Delivery delivery)
    {
        Deliveries.Enqueue(delivery);
        // As a real front does: remember who its clients were told is present in each room.
        if (delivery is { Presence: { } change, Room: { } room })
        {
            var present = _present.GetOrAdd(RoomKey.Of(delivery.Namespace, room), _ => new());
            if (change.Present) present.TryAdd(change.User, 0);
            else present.TryRemove(change.User, out _);
        }
        return Task.CompletedTask;
    }

    public Task Ping() => Silent ? Task.FromException(new TimeoutException("This front is not answering.")) : Task.CompletedTask;

    public Task<FrontSlice> DescribeMembers(MemberScope scope, string key)
    {
        Interlocked.Increment(ref DescribeCalls);
        if (Silent) throw new TimeoutException("This front is not answering.");
        var members = _members.GetValueOrDefault((scope, key))?.Values.ToArray() ?? [];
        var present = scope == MemberScope.Room ? _present.GetValueOrDefault(key)?.Keys.ToArray() ?? [] : null;
        return Task.FromResult(new FrontSlice(Epoch, members, present));
    }

    public Task<RoomChange> JoinRoom(string sid, string room) => throw new NotSupportedException();

    public Task<RoomChange> LeaveRoom(string sid, string room) => throw new NotSupportedException();

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync();
        _client.DeleteObjectReference<IFrontObserver>(Reference);
    }

    private void Remember(MemberScope scope, string key, ClientConnection connection) =>
        _members.GetOrAdd((scope, key), _ => new()).TryAdd(connection.Sid, connection);

    private async Task RenewAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(RenewEvery, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stop.IsCancellationRequested) return;
            try
            {
                if (!(await Directory.Renew(Entry, register: false)).Renewed) await RetellAsync();
            }
            catch (Exception)
            {
                // The directory may be moving with a killed silo; the next renewal finds it again.
            }
        }
    }
}
