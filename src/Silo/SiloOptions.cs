using ActorChat.Configuration;
using System.Net;
using ActorChat.Hosting.Configuration;

namespace ActorChat.Silo;

/// <summary>Where a silo listens, bound from <c>ActorChat:Silo</c>.</summary>
public sealed class SiloOptions : IValidatedOptions
{
    public const string Section = "ActorChat:Silo";

    /// <summary>Port for silo-to-silo traffic.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (fronts) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and fronts reach this silo at, as written into the membership table.
    /// Unset: loopback with <c>Localhost</c> clustering, else the address the host name resolves to.
    /// </summary>
    public string? AdvertisedIP { get; set; }

    public IPAddress? AdvertisedAddress => IPAddress.TryParse(AdvertisedIP, out var address) ? address : null;

    public string? Validate() => ConfigurationCheck.First(
        ConfigurationCheck.Range($"{Section}:SiloPort", SiloPort, 1, 65535),
        ConfigurationCheck.Range($"{Section}:GatewayPort", GatewayPort, 1, 65535),
        SiloPort == GatewayPort ? $"{Section}:SiloPort and {Section}:GatewayPort must differ; both are {SiloPort}." : null,
        string.IsNullOrEmpty(AdvertisedIP) || AdvertisedAddress is not null ? null : $"{Section}:AdvertisedIP must be an IP address such as 10.0.0.5; it is '{AdvertisedIP}'.");
}
