using ActorChat.Realtime;
using Microsoft.Extensions.Options;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// A client's session, in memory. It is kept alive for the session window past its last sign of life: a renewal
/// from the front that holds its connection (every <see cref="RecoveryOptions.RenewalInterval"/>), or the drop of
/// that connection. So a session whose front was killed, however long its connection lived, can still be resumed
/// for the session window after the last renewal, and not after. A silo that stops hands the session to its next
/// activation (<see cref="GrainHandOver"/>).
/// </summary>
public sealed class SessionGrain(IOptions<RecoveryOptions> options, TimeProvider clock, GrainHandOver handOver)
    : Grain, ISessionGrain, IGrainMigrationParticipant
{
    private const string SessionKey = "session";

    private readonly Dictionary<string, RoomPosition> _rooms = new(StringComparer.Ordinal);
    private string? _user;
    private string? _namespace;
    private string? _sid;
    // The last renewal (or open, or resume) while the connection lived; the window counts from it once no front renews.
    private DateTimeOffset _renewedAt;
    private DateTimeOffset? _droppedAt;

    private TimeSpan Window => options.Value.SessionWindow;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        handOver.Add(GrainContext);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        handOver.Remove(GrainContext);
        return Task.CompletedTask;
    }

    void IGrainMigrationParticipant.OnDehydrate(IDehydrationContext context)
    {
        if (_user is not null) context.TryAddValue(SessionKey, new SessionSnapshot(_user, _namespace!, _sid!, _renewedAt, _droppedAt, _rooms.Values.ToArray()));
    }

    void IGrainMigrationParticipant.OnRehydrate(IRehydrationContext context)
    {
        if (!context.TryGetValue(SessionKey, out SessionSnapshot? handedOver)) return;
        (_user, _namespace, _sid, _renewedAt, _droppedAt) = (handedOver.User, handedOver.Namespace, handedOver.Sid, handedOver.RenewedAt, handedOver.DroppedAt);
        foreach (var room in handedOver.Rooms) _rooms[room.Room] = room;
        DelayDeactivation(Window);
    }

    public Task Open(string user, string @namespace, string sid)
    {
        (_user, _namespace, _sid, _droppedAt) = (user, @namespace, sid, null);
        _rooms.Clear();
        Renewed();
        return Task.CompletedTask;
    }

    public Task<RoomPosition[]?> Resume(string user, string @namespace, string sid)
    {
        if (_user != user || _namespace != @namespace) return Task.FromResult<RoomPosition[]?>(null);
        // A connection whose front stopped renewing it counts as dropped at its last renewal.
        if (clock.GetUtcNow() - (_droppedAt ?? _renewedAt) > Window)
        {
            Forget();
            return Task.FromResult<RoomPosition[]?>(null);
        }
        (_sid, _droppedAt) = (sid, null);
        Renewed();
        return Task.FromResult<RoomPosition[]?>(_rooms.Values.ToArray());
    }

    public Task Joined(RoomPosition position)
    {
        if (_user is not null) _rooms[position.Room] = position;
        return Task.CompletedTask;
    }

    public Task Renew(string user, string @namespace, string sid, RoomPosition[] rooms)
    {
        if (_user is null)
        {
            // Lost while its connection lived (its silo died): the front's report makes it again.
            (_user, _namespace, _sid) = (user, @namespace, sid);
            foreach (var room in rooms) _rooms[room.Room] = room;
        }
        else if (_user != user || _namespace != @namespace || _sid != sid || _droppedAt is not null)
        {
            return Task.CompletedTask;
        }
        else
        {
            // Joins and leaves are told as they happen; a renewal only moves a known room's position on (or to its new epoch).
            foreach (var room in rooms)
                if (_rooms.TryGetValue(room.Room, out var known) && (known.Epoch != room.Epoch || known.Offset < room.Offset))
                    _rooms[room.Room] = room;
        }
        Renewed();
        return Task.CompletedTask;
    }

    public Task Left(string room)
    {
        _rooms.Remove(room);
        return Task.CompletedTask;
    }

    public Task Dropped(string user, string @namespace, string sid, RoomPosition[] rooms)
    {
        if (_user is not null && (_user != user || _namespace != @namespace || _sid != sid)) return Task.CompletedTask;
        (_user, _namespace, _sid, _droppedAt) = (user, @namespace, sid, clock.GetUtcNow());
        _rooms.Clear();
        foreach (var room in rooms) _rooms[room.Room] = room;
        DelayDeactivation(Window);
        return Task.CompletedTask;
    }

    public Task End()
    {
        Forget();
        return Task.CompletedTask;
    }

    /// <summary>The connection lives: the session stays (whatever Orleans' collection age) until a window past now.</summary>
    private void Renewed()
    {
        _renewedAt = clock.GetUtcNow();
        DelayDeactivation(Window);
    }

    private void Forget()
    {
        (_user, _namespace, _sid, _droppedAt) = (null, null, null, null);
        _rooms.Clear();
        DeactivateOnIdle();
    }
}

/// <summary>A session as its activation hands it to the next one (<see cref="GrainHandOver"/>).</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.SessionSnapshot")]
internal sealed record SessionSnapshot(
    [property: Id(0)] string User,
    [property: Id(1)] string Namespace,
    [property: Id(2)] string Sid,
    [property: Id(3)] DateTimeOffset RenewedAt,
    [property: Id(4)] DateTimeOffset? DroppedAt,
    [property: Id(5)] RoomPosition[] Rooms);
