using ActorChat.Hosting.Configuration;

namespace ActorChat.Silo;

/// <summary>Options of the embedded silo, bound from <c>ActorChat:Silo</c>.</summary>
public sealed class SiloOptions
{
    public const string Section = "ActorChat:Silo";

    /// <summary>Port for silo-to-silo traffic.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "actorchat";

    public string ServiceId { get; set; } = "actorchat";

    /// <summary>Serve the Orleans dashboard at <c>/dashboard</c> on the web front.</summary>
    public bool Dashboard { get; set; } = true;

    public void Validate()
    {
        ConfigurationCheck.Range($"{Section}:SiloPort", SiloPort, 1, 65535);
        ConfigurationCheck.Range($"{Section}:GatewayPort", GatewayPort, 1, 65535);
        if (SiloPort == GatewayPort)
            throw new InvalidConfigurationException($"{Section}:SiloPort and {Section}:GatewayPort must differ; both are {SiloPort}.");
        ConfigurationCheck.NotEmpty($"{Section}:ClusterId", ClusterId);
        ConfigurationCheck.NotEmpty($"{Section}:ServiceId", ServiceId);
    }
}
