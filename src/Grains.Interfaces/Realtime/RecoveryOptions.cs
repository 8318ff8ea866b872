using ActorChat.Configuration;
namespace ActorChat.Realtime;

/// <summary>
/// What a reconnecting client can get back, bound from <c>ActorChat:Recovery</c> by silos (room history)
/// and fronts alike.
/// </summary>
public sealed class RecoveryOptions : IValidatedOptions
{
    public const string Section = "ActorChat:Recovery";

    /// <summary>The most recent room messages each room keeps; 0 keeps none (no offsets, no history).</summary>
    public int HistoryLength { get; set; } = 100;

    /// <summary>How long a room message stays in the room's history.</summary>
    public TimeSpan HistoryWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a dropped connection's session (its user, namespace, rooms and offsets) waits to be resumed.</summary>
    public TimeSpan SessionWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often a front tells the session grains of its live connections that they live, with where each stands in
    /// its rooms; null: <see cref="RenewalInterval"/>'s default. A session whose front stopped (killed) counts as
    /// dropped at its last renewal.
    /// </summary>
    public TimeSpan? SessionRenewalInterval { get; set; }

    /// <summary>
    /// <see cref="SessionRenewalInterval"/>, by default a quarter of <see cref="SessionWindow"/> and at most 30 seconds:
    /// 10,000 live connections cost a front about 330 grain calls a second, and a crash repeats at most two intervals
    /// of messages to clients that give no offsets.
    /// </summary>
    public TimeSpan RenewalInterval => SessionRenewalInterval ?? TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, SessionWindow.Ticks / 4));

    /// <summary>
    /// How long a dropped connection stays in its rooms: a resume within it announces neither <c>left</c> nor
    /// <c>joined</c>, and the rooms list the user throughout. 0 leaves at once.
    /// </summary>
    public TimeSpan PresenceGrace { get; set; } = TimeSpan.FromSeconds(5);

    public bool KeepsHistory => HistoryLength > 0;

    /// <summary>One sentence naming the first bad option, or null when every option is usable.</summary>
    public string? Validate() =>
        HistoryLength is < 0 or > 10_000 ? $"{Section}:HistoryLength must be between 0 and 10000; it is {HistoryLength}."
        : HistoryWindow <= TimeSpan.Zero ? $"{Section}:HistoryWindow must be a positive time span such as 00:02:00; it is {HistoryWindow}."
        : SessionWindow <= TimeSpan.Zero ? $"{Section}:SessionWindow must be a positive time span such as 00:02:00; it is {SessionWindow}."
        // A live session's last renewal must never be a session window old: half leaves room for one late renewal.
        : SessionRenewalInterval is { } renewal && (renewal <= TimeSpan.Zero || renewal > SessionWindow / 2)
            ? $"{Section}:SessionRenewalInterval must be positive and at most half of {Section}:SessionWindow ({SessionWindow}); it is {renewal}."
        : PresenceGrace < TimeSpan.Zero || PresenceGrace > SessionWindow
            ? $"{Section}:PresenceGrace must be between 00:00:00 and {Section}:SessionWindow ({SessionWindow}); it is {PresenceGrace}."
        : null;
}
