using System.Security.Cryptography;

namespace ActorChat.WebFront.Realtime.Cluster;

/// <summary>This process's front id: random per start, so a restarted front never inherits old connection ids.</summary>
public sealed class FrontIdentity
{
    public const int IdLength = 8;

    public string FrontId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
}
