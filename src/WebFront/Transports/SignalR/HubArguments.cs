using System.Text.Json;
using ActorChat.WebFront.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ActorChat.WebFront.Transports.SignalR;

/// <summary>
/// Turns the arguments of a hub call (JSON elements from the JSON protocol, plain values from MessagePack)
/// into event arguments, refusing what no encoder could write back: invalid Unicode (a lone surrogate) would
/// otherwise fail every later delivery of the event, to other clients too. A refusal is a <see cref="HubException"/>,
/// which fails the call with its message and leaves the connection open.
/// </summary>
public static class HubArguments
{
    public static JsonElement[] Read(object?[]? args)
    {
        JsonElement[] json;
        try
        {
            json = (args ?? []).Select(PlainValues.ToJson).ToArray();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or JsonException)
        {
            throw Invalid();
        }
        return JsonUnicode.IsWellFormed(json) ? json : throw Invalid();
    }

    private static HubException Invalid() => new("An argument is not valid Unicode: it has a lone surrogate.");
}
