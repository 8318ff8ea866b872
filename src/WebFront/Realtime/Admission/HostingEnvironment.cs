namespace ActorChat.WebFront.Realtime.Admission;

/// <summary>
/// Whether the host runs as Development, read from configuration (services are registered before the
/// host environment object exists). Development is the one-command run: open origins, anonymous users.
/// </summary>
public static class HostingEnvironment
{
    public static bool IsDevelopment(IConfiguration configuration) =>
        string.Equals(configuration[HostDefaults.EnvironmentKey], Environments.Development, StringComparison.OrdinalIgnoreCase);
}
