using ActorChat.Configuration;
namespace ActorChat.Grains.Realtime;

/// <summary>Front leases, bound from <c>ActorChat:Fronts</c> on silos.</summary>
public sealed class FrontDirectoryOptions : IValidatedOptions
{
    public const string Section = "ActorChat:Fronts";

    /// <summary>A front that has not renewed its lease for this long is dead: every grain drops its connections.</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How often each silo compares the grains it hosts with the live leases.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>One sentence naming the first bad option, or null when every option is usable.</summary>
    public string? Validate() =>
        ExpireAfter <= TimeSpan.Zero ? $"{Section}:ExpireAfter must be a positive time span such as 00:00:06; it is {ExpireAfter}."
        : CheckInterval <= TimeSpan.Zero ? $"{Section}:CheckInterval must be a positive time span such as 00:00:01; it is {CheckInterval}."
        : CheckInterval >= ExpireAfter ? $"{Section}:CheckInterval ({CheckInterval}) must be shorter than {Section}:ExpireAfter ({ExpireAfter})."
        : null;
}
