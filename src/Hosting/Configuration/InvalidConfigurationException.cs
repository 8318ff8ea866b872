namespace ActorChat.Hosting.Configuration;

/// <summary>Bad configuration: start-up stops with this one sentence, which names the option.</summary>
public sealed class InvalidConfigurationException(string message) : Exception(message);
