using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

public sealed class RunningStatisticsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task DailyFiguresAreTheIncreaseOfTheCountersAndAResetStartsANewSeries()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 44);
        var today = app.Clock.GetUtcNow().UtcDateTime.Date;
        CounterReading Reading(DateTime at, long runs, double hours, long doors, bool reset = false) => new()
        {
            DeviceId = collector.DeviceId, ElevatorId = collector.ElevatorId, Runs = runs, RunHours = hours, DoorCycles = doors,
            IsReset = reset, ReceivedAtUtc = at,
        };
        await app.AsSystemAsync(async (_, db) =>
        {
            db.CounterReadings.AddRange(
                Reading(today.AddDays(-2).AddHours(8), 1000, 100, 2000),
                Reading(today.AddDays(-1).AddHours(8), 1150, 103.5, 2300),
                Reading(today.AddDays(-1).AddHours(20), 1200, 104, 2400),
                Reading(today.AddHours(1), 30, 0.5, 60, reset: true),
                Reading(today.AddHours(2), 45, 0.75, 90));
            db.ElevatorEvents.AddRange(
                new ElevatorEvent { DeviceId = collector.DeviceId, EventId = "s-1", ElevatorId = collector.ElevatorId, Code = 2, Kind = FaultKind.Fault, Raised = true, ReceivedAtUtc = today.AddHours(3) },
                new ElevatorEvent { DeviceId = collector.DeviceId, EventId = "s-2", ElevatorId = collector.ElevatorId, Code = 2, Kind = FaultKind.Fault, Raised = false, ReceivedAtUtc = today.AddHours(4) },
                new ElevatorEvent { DeviceId = collector.DeviceId, EventId = "s-3", ElevatorId = collector.ElevatorId, Code = 43, Kind = FaultKind.Event, Raised = true, ReceivedAtUtc = today.AddHours(5) });
            return await db.SaveChangesAsync();
        });

        await using var scope = await app.ScopeAsAsync(Core.Demo.DemoAccounts.PlatformAdmin);
        var days = await scope.ServiceProvider.GetRequiredService<RunningStatistics>().ForElevatorAsync(collector.ElevatorId, StatisticsGrouping.Day, 3, default);

        Assert.Equal(3, days.Count);
        Assert.Equal(DateOnly.FromDateTime(today), days[^1].Start);
        Assert.Equal(200, days[1].Runs);
        Assert.Equal(4, days[1].RunHours);
        Assert.Equal(400, days[1].DoorCycles);
        Assert.Equal(45, days[2].Runs);
        Assert.Equal(90, days[2].DoorCycles);
        Assert.Equal(1, days[2].Faults);
        Assert.Equal(0, days[0].Runs);
    }
}
