namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>What <see cref="EventBudget.Spend"/> decided about one event.</summary>
public enum BudgetVerdict
{
    /// <summary>Within the budget: handle it.</summary>
    Allowed,

    /// <summary>Over the budget: refuse it with a <c>rate_limited</c> error.</summary>
    Limited,

    /// <summary>Over the budget for so long that this is abuse: close the connection.</summary>
    Abusive,
}

/// <summary>
/// One connection's event budget: a token bucket that refills at <see cref="LimitsOptions.EventsPerSecond"/>
/// up to <see cref="LimitsOptions.EventBurst"/>. Events over it are refused; a client that keeps sending
/// while refused (<see cref="LimitsOptions.RefusedEventsBeforeDisconnect"/> refusals with no allowed event
/// between them) is closed. Per front: each connection lives on one front.
/// </summary>
public sealed class EventBudget(LimitsOptions limits)
{
    private readonly Lock _lock = new();
    private double _tokens = limits.EventBurst;
    private long _refilledAt = Environment.TickCount64;
    private int _refusedInARow;

    public BudgetVerdict Spend()
    {
        lock (_lock)
        {
            var now = Environment.TickCount64;
            _tokens = Math.Min(limits.EventBurst, _tokens + (now - _refilledAt) * limits.EventsPerSecond / 1000.0);
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                _refusedInARow = 0;
                return BudgetVerdict.Allowed;
            }
            return ++_refusedInARow >= limits.RefusedEventsBeforeDisconnect ? BudgetVerdict.Abusive : BudgetVerdict.Limited;
        }
    }
}
