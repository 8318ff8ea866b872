namespace ActorChat.Realtime;

/// <summary>A web front as grains see it: the process that holds some of the cluster's sockets.</summary>
public interface IFrontObserver : IGrainObserver
{
    /// <summary>
    /// Takes an event for the front's local connections that the delivery targets. It answers once the
    /// delivery is queued for its sockets, so a grain knows which fronts have it: a one-way message
    /// could be lost on its way (a silo shutting down drops what it cannot route) with nobody the wiser.
    /// </summary>
    Task Deliver(Delivery delivery);

    /// <summary>Joins one of the front's connections to a room, on behalf of code running elsewhere.</summary>
    Task<RoomChange> JoinRoom(string sid, string room);

    /// <summary>Takes one of the front's connections out of a room, on behalf of code running elsewhere.</summary>
    Task<RoomChange> LeaveRoom(string sid, string room);

    /// <summary>
    /// The front's connections that belong to one grain: what a freshly activated room, user or
    /// namespace grain asks every live front before it serves, since the sockets are the truth.
    /// </summary>
    Task<FrontSlice> DescribeMembers(MemberScope scope, string key);

    /// <summary>Answers at once: a front directory that lost its memory asks each front on record whether it is still there.</summary>
    Task Ping();
}
