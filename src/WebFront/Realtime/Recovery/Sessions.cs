using ActorChat.Realtime;
using ActorChat.WebFront.Realtime.Cluster;
using ActorChat.WebFront.Realtime.Dispatch;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Realtime.Recovery;

/// <summary>How a connection's session began: its token, and when it resumed one, the rooms to take up again.</summary>
/// <param name="Rooms">The resumed session's rooms with their last offsets; null for a new session.</param>
/// <param name="Problem">Why a presented token did not resume anything (the client gets a new session); null otherwise.</param>
public sealed record SessionStart(string Token, RoomPosition[]? Rooms, string? Problem);

/// <summary>What a resume restored: whether the client missed nothing it did not get, and how many messages it got.</summary>
public sealed record ResumeResult(bool Recovered, int Missed)
{
    /// <summary>What a client whose session could not be resumed is told.</summary>
    public static readonly ResumeResult Nothing = new(false, 0);

    /// <summary>The <c>resumed {recovered, missed}</c> event that ends a resume on the transports that send events for it.</summary>
    public PreparedEvent ToEvent() => new(EventPayload.Create(Names.ResumedEvent, [new { recovered = Recovered, missed = Missed }]));
}

/// <summary>
/// Sessions of this front's connections (docs/protocol.md, "Reconnecting"). A session lives in its grain, keyed
/// by its token, so any front can resume it: the front that holds the connection tells the grain the rooms it
/// joins and left, and, when the connection drops, the last offset it delivered in each. A resume joins those
/// rooms again holding live deliveries back, replays from the rooms' histories what the client missed, then lets
/// the held deliveries through without repeating any: in order, exactly once, before anything new.
/// </summary>
public sealed class Sessions(IGrainFactory grains, LocalConnections local, RoomMembership membership, IOptions<RecoveryOptions> options,
    ILogger<Sessions> logger, SessionRenewal renewal)
{
    /// <summary>Resumes the session of <paramref name="presented"/> for this connection's user and namespace, or starts a new one.</summary>
    public async Task<SessionStart> StartAsync(ClientConnection info, string? presented)
    {
        string? problem = null;
        if (presented is not null)
        {
            if (!SessionToken.IsWellFormed(presented))
                problem = "The session token is malformed; this is a new session.";
            else if (await Grain(presented).Resume(info.User, info.Namespace, info.Sid) is { } rooms)
                return new SessionStart(presented, rooms, null);
            else
                problem = "There is no session to resume with this token (unknown, expired, or not this user's); this is a new session.";
        }
        var token = SessionToken.New();
        await Grain(token).Open(info.User, info.Namespace, info.Sid);
        return new SessionStart(token, null, problem);
    }

    /// <summary>Ties a registered connection to its session: from now on its joins and leaves are the session's.</summary>
    public void Attach(IRealtimeConnection connection, SessionStart start) => local.SetSession(connection.Info.Sid, start.Token);

    /// <summary>
    /// Makes a live connection take up the session of <paramref name="token"/> (its own session ends) and restores it
    /// as <see cref="RestoreAsync"/> does. Throws a <see cref="ClientInputException"/> (<c>session_unknown</c>) when the
    /// token resumes nothing for this connection's user and namespace.
    /// </summary>
    public async Task<ResumeResult> TakeOverAsync(IRealtimeConnection connection, string? token, IReadOnlyDictionary<string, long>? offsets)
    {
        var info = connection.Info;
        if (!SessionToken.IsWellFormed(token))
            throw new ClientInputException(ClientError.SessionUnknown, "The session token is malformed; nothing was resumed.");
        var rooms = await Grain(token!).Resume(info.User, info.Namespace, info.Sid)
            ?? throw new ClientInputException(ClientError.SessionUnknown, "There is no session to resume with this token (unknown, expired, or not this user's); nothing was resumed.");
        if (local.SessionOf(info.Sid) is { } own && own != token) await Grain(own).End();
        local.SetSession(info.Sid, token!);
        return await RestoreAsync(connection, rooms, offsets);
    }

    /// <summary>
    /// Takes up a resumed session's rooms on this connection and replays what it missed after each room's offset:
    /// the one in <paramref name="offsets"/> (what the client says it saw last), else the session's.
    /// </summary>
    public async Task<ResumeResult> RestoreAsync(IRealtimeConnection connection, RoomPosition[] rooms, IReadOnlyDictionary<string, long>? offsets)
    {
        var recovered = options.Value.KeepsHistory;
        var missed = 0;
        foreach (var saved in rooms)
        {
            var after = offsets is not null && offsets.TryGetValue(saved.Room, out var told) ? told : saved.Offset;
            try
            {
                await membership.JoinAsync(connection, saved.Room, hold: true);
            }
            catch (Exception ex) when (ex is ClientInputException || ClusterFailure.Is(ex))
            {
                logger.LogInformation("Connection {Sid} could not take up room {Room} again: {Problem}", connection.Info.Sid, saved.Room, ex.Message);
                recovered = false;
                continue;
            }
            var history = await grains.GetGrain<IRoomGrain>(RoomKey.Of(connection.Info.Namespace, saved.Room))
                .GetHistory(after, Math.Max(1, options.Value.HistoryLength));
            // Offsets of another epoch say nothing about this one: the client learns the history is gone.
            var replay = history.Epoch == saved.Epoch ? history.Messages : [];
            recovered &= history.Epoch == saved.Epoch && after <= history.Offset && replay.Length == history.Offset - after;
            local.Release(connection.Info.Sid, saved.Room,
                replay.Select(m => new PreparedEvent(m.Event) { Room = saved.Room, Offset = m.Offset }).ToList());
            missed += replay.Length;
        }
        return new ResumeResult(recovered, missed);
    }

    /// <summary>
    /// Moves a connection's session to a new token, with the rooms and offsets it has now, and ends the old one.
    /// For protocols whose clients tell a complete recovery from an incomplete one by whether their token came
    /// back (Socket.IO's <c>pid</c>). Returns the new token.
    /// </summary>
    public async Task<string> ReissueAsync(IRealtimeConnection connection)
    {
        var info = connection.Info;
        var token = SessionToken.New();
        var session = Grain(token);
        await session.Open(info.User, info.Namespace, info.Sid);
        foreach (var position in local.PositionsOf(info.Sid)) await session.Joined(position);
        var old = local.SessionOf(info.Sid);
        local.SetSession(info.Sid, token);
        if (old is not null) await Grain(old).End();
        return token;
    }

    /// <summary>
    /// A connection with a session closed. Dropped (<paramref name="resumable"/>): its session keeps its rooms and
    /// offsets for the session window, and the returned grace is how long the connection stays in its rooms. Closed
    /// on purpose: the session ends, and it leaves its rooms at once.
    /// </summary>
    public async Task<TimeSpan> CloseAsync(ClientConnection info, string token, RoomPosition[] rooms, bool resumable)
    {
        try
        {
            // A renewal under way would otherwise land after the end or the drop, and undo it.
            await renewal.SettledAsync(info.Sid);
            if (!resumable)
            {
                await Grain(token).End();
                return TimeSpan.Zero;
            }
            await Grain(token).Dropped(info.User, info.Namespace, info.Sid, rooms);
        }
        catch (Exception ex) when (ClusterFailure.Is(ex))
        {
            logger.LogWarning("The session of dropped connection {Sid} could not be kept: {Problem}", info.Sid, ex.Message);
        }
        return resumable ? options.Value.PresenceGrace : TimeSpan.Zero;
    }

    private ISessionGrain Grain(string token) => grains.GetGrain<ISessionGrain>(token);
}
