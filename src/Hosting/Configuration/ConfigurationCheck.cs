using Microsoft.Extensions.Configuration;

namespace ActorChat.Hosting.Configuration;

/// <summary>Binds an options section and checks values, failing with a sentence that names the option.</summary>
public static class ConfigurationCheck
{
    /// <summary>Binds a section; a value that does not convert (a word where a number belongs) names its key.</summary>
    public static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // The binder's own message names the full key and the expected type.
            throw new InvalidConfigurationException(ex.Message);
        }
    }

    public static void Range(string key, long value, long min, long max)
    {
        if (value < min || value > max)
            throw new InvalidConfigurationException($"{key} must be between {min} and {max}; it is {value}.");
    }

    public static void Positive(string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            throw new InvalidConfigurationException($"{key} must be a positive time span such as 00:00:05; it is {value}.");
    }

    public static void NotEmpty(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidConfigurationException($"{key} must not be empty.");
    }
}
