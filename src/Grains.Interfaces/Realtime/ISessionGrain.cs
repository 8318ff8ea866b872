namespace ActorChat.Realtime;

/// <summary>
/// A client's session (key: its token): the user and namespace it belongs to and the rooms its connection is
/// in, each with the last offset the client had. It outlives a dropped connection by
/// <see cref="RecoveryOptions.SessionWindow"/>, so a reconnect on any front can take up the rooms again.
/// While the connection lives, its front renews the session every <see cref="RecoveryOptions.RenewalInterval"/>;
/// a session whose front died counts as dropped at its last renewal.
/// Only its own user, in its own namespace, can resume it; anyone else is told nothing.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session for a new connection <paramref name="sid"/> of <paramref name="user"/> in <paramref name="namespace"/>.</summary>
    Task Open(string user, string @namespace, string sid);

    /// <summary>
    /// Takes the session up again on a new connection <paramref name="sid"/>: its rooms with their last offsets, or null
    /// when there is no such session for this user and namespace (never opened, expired, another user's: the same answer).
    /// </summary>
    Task<RoomPosition[]?> Resume(string user, string @namespace, string sid);

    /// <summary>The session's connection joined a room at a position (or took it up again).</summary>
    Task Joined(RoomPosition position);

    /// <summary>
    /// The session's connection <paramref name="sid"/> lives; <paramref name="rooms"/> are where it stood in its rooms
    /// (what its front had delivered one renewal earlier, so that a message still on its way is never counted as had).
    /// A renewal moves the session's offsets forward for rooms it has; a session that was lost meanwhile (its silo died)
    /// is made again from it. A renewal about a connection that dropped, or that the session no longer belongs to, changes nothing.
    /// </summary>
    Task Renew(string user, string @namespace, string sid, RoomPosition[] rooms);

    /// <summary>The session's connection left a room.</summary>
    Task Left(string room);

    /// <summary>
    /// The session's connection <paramref name="sid"/> dropped; <paramref name="rooms"/> are its rooms with the last
    /// offset delivered to it. The session waits <see cref="RecoveryOptions.SessionWindow"/> to be resumed; a session
    /// that was lost meanwhile (its grain collected) is made again from this report. A report about a connection the
    /// session no longer belongs to (it was resumed elsewhere first) changes nothing.
    /// </summary>
    Task Dropped(string user, string @namespace, string sid, RoomPosition[] rooms);

    /// <summary>The client closed its connection on purpose: nothing to resume.</summary>
    Task End();
}

/// <summary>Where a client stands in a room: the history's epoch and the last offset it had.</summary>
[GenerateSerializer, Immutable, Alias("ActorChat.RoomPosition")]
public sealed record RoomPosition(
    [property: Id(0)] string Room,
    [property: Id(1)] string Epoch,
    [property: Id(2)] long Offset);
