using ActorChat.Realtime;
using Microsoft.Extensions.Options;

namespace ActorChat.Grains.Realtime;

/// <summary>
/// A client's session, in memory: while its connection lives the grain is collected like any idle grain (the
/// front re-tells everything when the connection drops); once dropped, it stays for the session window.
/// </summary>
public sealed class SessionGrain(IOptions<RecoveryOptions> options, TimeProvider clock) : Grain, ISessionGrain
{
    private readonly Dictionary<string, RoomPosition> _rooms = new(StringComparer.Ordinal);
    private string? _user;
    private string? _namespace;
    private string? _sid;
    private DateTimeOffset? _droppedAt;

    public Task Open(string user, string @namespace, string sid)
    {
        (_user, _namespace, _sid, _droppedAt) = (user, @namespace, sid, null);
        _rooms.Clear();
        return Task.CompletedTask;
    }

    public Task<RoomPosition[]?> Resume(string user, string @namespace, string sid)
    {
        if (_user != user || _namespace != @namespace) return Task.FromResult<RoomPosition[]?>(null);
        if (_droppedAt is { } dropped && clock.GetUtcNow() - dropped > options.Value.SessionWindow)
        {
            Forget();
            return Task.FromResult<RoomPosition[]?>(null);
        }
        (_sid, _droppedAt) = (sid, null);
        return Task.FromResult<RoomPosition[]?>(_rooms.Values.ToArray());
    }

    public Task Joined(RoomPosition position)
    {
        if (_user is not null) _rooms[position.Room] = position;
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
        DelayDeactivation(options.Value.SessionWindow);
        return Task.CompletedTask;
    }

    public Task End()
    {
        Forget();
        return Task.CompletedTask;
    }

    private void Forget()
    {
        (_user, _namespace, _sid, _droppedAt) = (null, null, null, null);
        _rooms.Clear();
        DeactivateOnIdle();
    }
}
