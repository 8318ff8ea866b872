using ActorChat.Configuration;
using ActorChat.Hosting.Configuration;

namespace ActorChat.WebFront.Transports.Mqtt;

/// <summary>The MQTT over WebSocket endpoint's settings; bound from <c>ActorChat:Mqtt</c>.</summary>
public sealed class MqttOptions : IValidatedOptions
{
    public const string Section = "ActorChat:Mqtt";

    /// <summary>Map <c>/mqtt</c> and <c>/mqtt/{namespace}</c> at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a new socket has to send its CONNECT packet (and the longest any packet may take to arrive).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string? Validate() =>
        ConnectTimeout < TimeSpan.FromMilliseconds(100) || ConnectTimeout > TimeSpan.FromMinutes(10)
            ? $"{Section}:ConnectTimeout must be between 00:00:00.1 and 00:10:00; it is {ConnectTimeout}."
            : null;
}
