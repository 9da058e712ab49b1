using TiLianBang.Core.Devices.Pipeline;

namespace TiLianBang.Tests.Reliability;

/// <summary>The per-collector record budget follows its configuration (<c>Mqtt:DeviceBudget:Record…</c>).</summary>
public sealed class RecordBudgetTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheBurstIsTakenThenTheRateRefillsItAndNeverBeyondTheBurst()
    {
        var budget = new DeviceBudgetOptions { RecordBurst = 5, RecordsPerSecond = 2 };
        var activity = new DeviceActivity("868120250000001");

        Assert.Equal(5, Enumerable.Range(0, 8).Count(_ => activity.TryTakeRecord(Start, budget)));
        // Half a second at 2 a second is one row; a clock going back gives nothing.
        Assert.True(activity.TryTakeRecord(Start.AddSeconds(0.5), budget));
        Assert.False(activity.TryTakeRecord(Start.AddSeconds(0.5), budget));
        Assert.False(activity.TryTakeRecord(Start, budget));
        // An hour of silence refills the burst only.
        Assert.Equal(5, Enumerable.Range(0, 8).Count(_ => activity.TryTakeRecord(Start.AddHours(1), budget)));
    }

    [Fact]
    public void ARateOfZeroTurnsTheBudgetOff()
    {
        var budget = new DeviceBudgetOptions { RecordBurst = 5, RecordsPerSecond = 0 };
        var activity = new DeviceActivity("868120250000001");

        Assert.All(Enumerable.Range(0, 5000), _ => Assert.True(activity.TryTakeRecord(Start, budget)));
    }
}
