namespace ActorChat.Hosting.Operations;

/// <summary>The Orleans dashboard at <c>/dashboard</c>, bound from <c>ActorChat:Dashboard</c>.</summary>
public sealed class DashboardSettings
{
    public const string Section = "ActorChat:Dashboard";

    /// <summary>Serve the dashboard (silos collect its statistics; fronts show it as Orleans clients).</summary>
    public bool Enabled { get; set; } = true;
}
