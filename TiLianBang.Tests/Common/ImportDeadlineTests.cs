using Microsoft.Extensions.Time.Testing;
using TiLianBang.Core.Common;

namespace TiLianBang.Tests.Common;

/// <summary>An import's time budget ends the work at the deadline, told apart from the caller giving up.</summary>
public sealed class ImportDeadlineTests
{
    [Fact]
    public void TheBudgetEndsTheWorkAtTheDeadlineAndCancelsItsToken()
    {
        var clock = new FakeTimeProvider();
        using var deadline = new ImportDeadline(clock, TimeSpan.FromSeconds(60), CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(59));
        deadline.ThrowIfSpent();
        Assert.False(deadline.Token.IsCancellationRequested);

        clock.Advance(TimeSpan.FromSeconds(1));
        var spent = Assert.Throws<DomainException>(deadline.ThrowIfSpent);

        Assert.Equal("spreadsheet.too_slow", spent.Code);
        Assert.Equal(DomainErrorKind.Unprocessable, spent.Kind);
        Assert.True(deadline.IsSpent);
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task ACallerThatGivesUpIsNotTakenForASpentBudget()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var deadline = new ImportDeadline(clock, TimeSpan.FromSeconds(60), caller.Token);

        await caller.CancelAsync();

        Assert.Throws<OperationCanceledException>(deadline.ThrowIfSpent);
        Assert.False(deadline.IsSpent);
        Assert.True(deadline.Token.IsCancellationRequested);
    }
}
