using System.Text.Json;
using ActorChat.Realtime;

namespace ActorChat.Grains.Realtime;

/// <summary>The <c>presence</c> event a room sends its members: <c>{room, user, status}</c> with status <c>joined</c> or <c>left</c>.</summary>
internal static class PresenceEvent
{
    public const string Name = "presence";
    public const string Joined = "joined";
    public const string Left = "left";

    public static OutboundEvent Of(string room, string user, string status) =>
        new(Name, JsonSerializer.SerializeToUtf8Bytes(new[] { new { room, user, status } }, JsonSerializerOptions.Web));
}
