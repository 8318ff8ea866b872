namespace ActorChat.Grains.Realtime;

// Persisted state of the front directory. The storage serializer writes it as plain JSON without type
// names, so properties may be added later but existing names must stay.

/// <summary>The leases of the front directory: live ones, and the last epoch of each that ended.</summary>
[GenerateSerializer, Alias("ActorChat.Grains.Realtime.FrontLeasesState")]
public sealed class FrontLeasesState
{
    [Id(0)] public Dictionary<string, LiveLease> Live { get; set; } = new();

    /// <summary>Fronts whose lease ended, so that a front coming back is told to register afresh.</summary>
    [Id(1)] public Dictionary<string, EndedLease> Ended { get; set; } = new();
}

[GenerateSerializer, Alias("ActorChat.Grains.Realtime.LiveLease")]
public sealed class LiveLease
{
    [Id(0)] public long Epoch { get; set; }

    /// <summary>The front observer's grain id, from which its reference is made again after a reactivation.</summary>
    [Id(1)] public string Observer { get; set; } = "";
}

[GenerateSerializer, Alias("ActorChat.Grains.Realtime.EndedLease")]
public sealed class EndedLease
{
    [Id(0)] public long Epoch { get; set; }
    [Id(1)] public DateTimeOffset EndedAt { get; set; }
}
