using System.Text.Json;
using ActorChat.Realtime;

namespace ActorChat.WebFront.Realtime;

/// <summary>
/// A room's history as clients read it (the <c>history</c> event, <c>GET …/messages</c>):
/// <c>{epoch, offset, messages: [{offset, event, args, from}]}</c>, binary arguments inlined as base64.
/// </summary>
public static class HistoryView
{
    public static object Of(RoomHistory history) => new
    {
        epoch = history.Epoch,
        offset = history.Offset,
        messages = history.Messages.Select(m => new
        {
            offset = m.Offset,
            @event = m.Event.Name,
            args = JsonSerializer.Deserialize<JsonElement>(EventPayload.InlineAttachments(m.Event)),
            from = m.Event.From,
        }).ToArray(),
    };
}
