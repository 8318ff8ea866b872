using ActorChat.Configuration;
using Microsoft.Extensions.Configuration;

namespace ActorChat.Hosting.Configuration;

/// <summary>
/// Binds an options section and checks it, failing with one sentence that names the option. Options
/// classes validate in <see cref="IValidatedOptions.Validate"/>, with the sentence helpers below.
/// </summary>
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

    /// <summary>Binds a section and validates it; throws <see cref="InvalidConfigurationException"/> with the first problem.</summary>
    public static T Load<T>(IConfiguration configuration, string section) where T : IValidatedOptions, new() =>
        Load<T>(configuration, section, options => options.Validate());

    /// <summary>
    /// The same for options whose check needs to know more than their own values (the environment, the URLs
    /// served): <paramref name="validate"/> says what is wrong, in the same one sentence.
    /// </summary>
    public static T Load<T>(IConfiguration configuration, string section, Func<T, string?> validate) where T : new()
    {
        var options = Bind<T>(configuration, section);
        return validate(options) is { } problem ? throw new InvalidConfigurationException(problem) : options;
    }

    public static string? Range(string key, long value, long min, long max) =>
        value < min || value > max ? $"{key} must be between {min} and {max}; it is {value}." : null;

    public static string? Positive(string key, TimeSpan value) =>
        value <= TimeSpan.Zero ? $"{key} must be a positive time span such as 00:00:05; it is {value}." : null;

    public static string? NotNegative(string key, TimeSpan value) =>
        value < TimeSpan.Zero ? $"{key} must not be negative; it is {value}." : null;

    public static string? NotEmpty(string key, string? value) =>
        string.IsNullOrWhiteSpace(value) ? $"{key} must not be empty." : null;

    /// <summary>The first of several checks that found a problem, or null.</summary>
    public static string? First(params string?[] problems) => problems.FirstOrDefault(p => p is not null);
}
