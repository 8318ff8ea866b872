using Orleans.Concurrency;

namespace ActorChat.Publishing;

/// <summary>A grain holding one row (key: the row's id).</summary>
[Alias("ActorChat.Publishing.IRowGrain`1")]
public interface IRowGrain<TRow> : IGrainWithIntegerKey
{
    /// <summary>The row, or null when none has this id; answered even while the grain awaits another call, as it only reads memory.</summary>
    [Alias("Get"), ReadOnly, AlwaysInterleave] Task<TRow?> GetAsync();
}
