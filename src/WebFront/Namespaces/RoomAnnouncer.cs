using ActorChat.Realtime;
using ActorChat.WebFront.Realtime;

namespace ActorChat.WebFront.Namespaces;

/// <summary>The tutorial's join and leave: change the membership and tell the room in plain words.</summary>
public static class RoomAnnouncer
{
    /// <summary>Joins the caller to the room, then tells everyone in it, the caller included, <c>user1 has entered the room.</c></summary>
    public static async Task<RoomChange> JoinAsync(EventContext context, RoomRequest request)
    {
        var change = await context.JoinRoom(request.Room!);
        await context.EmitTo(EmitTarget.Room(change.Room), EventContext.MessageEvent, $"{NameOf(context, request)} has entered the room.");
        return change;
    }

    /// <summary>Takes the caller out of the room, then tells those still in it <c>user1 has left the room.</c></summary>
    public static async Task<RoomChange> LeaveAsync(EventContext context, RoomRequest request)
    {
        var change = await context.LeaveRoom(request.Room!);
        await context.EmitTo(EmitTarget.Room(change.Room), EventContext.MessageEvent, $"{NameOf(context, request)} has left the room.");
        return change;
    }

    /// <summary>
    /// An authenticated user is announced by the name their token gives, whatever <c>username</c> says (so
    /// nobody can enter as "admin"); without authentication the client's <c>username</c> is all there is.
    /// </summary>
    private static string NameOf(EventContext context, RoomRequest request) =>
        context.Identity.IsAuthenticated ? context.Identity.Name
        : Names.IsValid(request.Username) ? request.Username! : context.User;
}
