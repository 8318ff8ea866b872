using ActorChat.WebFront.GraphQL.EventModel;
using GraphQL.Types;

namespace ActorChat.WebFront.GraphQL.Types;

/// <summary>An event delivered to a room, from any transport.</summary>
public sealed class RoomEventType : ObjectGraphType<RoomEvent>
{
    public RoomEventType()
    {
        Name = "RoomEvent";
        Description = "An event delivered to a room: its name, its arguments, and who sent it when a client did.";
        Field<NonNullGraphType<StringGraphType>>("event").Description("The event's name, such as 'message' or 'presence'.").Resolve(c => c.Source.Event);
        Field<NonNullGraphType<JsonScalarType>>("args").Description("The event's arguments, a JSON list.").Resolve(c => c.Source.Args);
        Field<EventSenderType>("from").Description("The client that sent it, when a client relayed it through the room (its first argument's 'from').").Resolve(c => c.Source.From);
    }
}

/// <summary>Who sent an event: the user, and the connection it came from.</summary>
public sealed class EventSenderType : ObjectGraphType<EventSender>
{
    public EventSenderType()
    {
        Name = "EventSender";
        Field<StringGraphType>("user").Resolve(c => c.Source.User);
        Field<StringGraphType>("sid").Description("The connection id.").Resolve(c => c.Source.Sid);
    }
}

/// <summary>A user joined or left a room (their first connection in it came, or their last went).</summary>
public sealed class PresenceChangeType : ObjectGraphType<PresenceChange>
{
    public PresenceChangeType()
    {
        Name = "PresenceChange";
        Field<NonNullGraphType<StringGraphType>>("user").Resolve(c => c.Source.User);
        Field<NonNullGraphType<StringGraphType>>("status").Description("'joined' or 'left'.").Resolve(c => c.Source.Status);
    }
}
