using ActorChat.Hosting;
using ActorChat.Hosting.Configuration;

namespace ActorChat.WebFront.Hosting;

/// <summary>What this web front process is, from <c>ActorChat:Role</c>: <c>All</c> (co-hosts a silo, the default) or <c>Front</c>.</summary>
public static class FrontRole
{
    public const string Key = "ActorChat:Role";

    public static ProcessRole Of(IConfiguration configuration)
    {
        var text = configuration[Key];
        if (string.IsNullOrEmpty(text)) return ProcessRole.All;
        return Enum.TryParse<ProcessRole>(text, ignoreCase: true, out var role) && role is ProcessRole.All or ProcessRole.Front
            ? role
            : throw new InvalidConfigurationException($"{Key} must be All or Front; it is '{text}'. A silo on its own runs from src/Silo.");
    }
}
