namespace ActorChat.Configuration;

/// <summary>
/// Options that can say what is wrong with them. Every options class of ActorChat implements it and is loaded
/// with <c>ConfigurationCheck.Load</c>, which binds the section and refuses to start with the sentence this returns.
/// It lives in the lowest assembly so that the options of grains, silos and fronts all can.
/// </summary>
public interface IValidatedOptions
{
    /// <summary>One sentence naming the first bad option, or null when every option is usable.</summary>
    string? Validate();
}
