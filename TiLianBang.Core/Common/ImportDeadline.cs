namespace TiLianBang.Core.Common;

/// <summary>
/// The time one import may take (<see cref="SpreadsheetLimits.TimeBudget"/>), so that no file pins a core: the
/// reading and checking loops call <see cref="ThrowIfSpent"/> per row, and every awaited step gets
/// <see cref="Token"/>, which the budget's timer cancels. Time comes from the <see cref="TimeProvider"/>, so
/// tests spend the budget without waiting.
/// </summary>
public sealed class ImportDeadline : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _end;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public ImportDeadline(TimeProvider clock, TimeSpan budget, CancellationToken cancellationToken)
    {
        _clock = clock;
        _end = clock.GetUtcNow() + budget;
        _caller = cancellationToken;
        _timer = new CancellationTokenSource(budget, clock);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
    }

    /// <summary>Cancelled when the caller gives up or the budget is spent.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>The budget (not the caller) ended the work.</summary>
    public bool IsSpent => !_caller.IsCancellationRequested && (_timer.IsCancellationRequested || _clock.GetUtcNow() >= _end);

    public void ThrowIfSpent()
    {
        _caller.ThrowIfCancellationRequested();
        // The clock as well as the timer: the deadline holds to the tick whichever clock drives it, a test's included.
        if (_timer.IsCancellationRequested || _clock.GetUtcNow() >= _end)
        {
            throw SpreadsheetLimits.TooSlow();
        }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
