using ActorChat.Configuration;
namespace ActorChat.WebFront.Transports.ServerSentEvents;

/// <summary>The Server-Sent Events endpoint's settings; bound from <c>ActorChat:ServerSentEvents</c>.</summary>
public sealed class ServerSentEventsOptions : IValidatedOptions
{
    public const string Section = "ActorChat:ServerSentEvents";

    /// <summary>Map <c>/sse</c> and <c>/sse/{namespace}</c> at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle stream gets a comment line, so proxies and browsers do not cut it.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most rooms one stream may name in <c>rooms</c>.</summary>
    public int MaxRooms { get; set; } = 100;

    /// <summary>One sentence naming the first bad option, or null when every option is usable.</summary>
    public string? Validate() =>
        HeartbeatInterval < TimeSpan.FromMilliseconds(100) || HeartbeatInterval > TimeSpan.FromHours(1)
            ? $"{Section}:HeartbeatInterval must be between 00:00:00.1 and 01:00:00; it is {HeartbeatInterval}."
        : MaxRooms is < 1 or > 10_000 ? $"{Section}:MaxRooms must be between 1 and 10000; it is {MaxRooms}."
        : null;
}
