using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

/// <summary>
/// On SQLite the record writer inserts rows through its own prepared statements, built from the EF model: every
/// column must read back through EF exactly as it was written (enums, nulls, times to the tick, text beyond ASCII),
/// and the keys it hands back must be the rows' own.
/// </summary>
public sealed class DeviceRecordColumnsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private static readonly DateTime At = new DateTime(2026, 12, 2, 7, 31, 12, DateTimeKind.Utc).AddTicks(1_234_567);

    [Fact]
    public async Task EveryRecordReadsBackAsItWasWritten()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 41);
        var records = app.Services.GetRequiredService<DeviceRecordBuffer>();
        var full = new ElevatorEvent
        {
            DeviceId = collector.DeviceId, EventId = "cols-1 \"引号\" 'x'", ElevatorId = collector.ElevatorId, Code = 45,
            Kind = FaultKind.Alarm, Raised = true, Floor = -2, DetailJson = """{"说明":"困人","n":1}""",
            DeviceTimeUtc = At, ReceivedAtUtc = At.AddMilliseconds(3), HandledAtUtc = At.AddSeconds(1),
        };
        var sparse = new ElevatorEvent
        {
            DeviceId = collector.DeviceId, EventId = "cols-2", Code = 999, Kind = FaultKind.Fault, ReceivedAtUtc = At,
            HandledAtUtc = At,
        };
        var counters = new CounterReading
        {
            DeviceId = collector.DeviceId, ElevatorId = collector.ElevatorId, Runs = 9_000_000_001, RunHours = 12345.678,
            DoorCycles = 3, Distance = null, IsReset = true, ResetCounters = "runs", DeviceTimeUtc = null, ReceivedAtUtc = At,
        };
        var connection = new ConnectionChange
        {
            DeviceId = collector.DeviceId, ElevatorId = null, Online = false, Reason = ConnectionReason.HeartbeatTimeout, AtUtc = At,
        };
        var state = new StateChange
        {
            DeviceId = collector.DeviceId, ElevatorId = collector.ElevatorId, Mode = ServiceMode.Inspection, Running = true,
            Direction = CarDirection.Down, Floor = 17, AtUtc = At,
        };

        var stored = new List<Task>();
        foreach (var record in new object[] { full, sparse, counters, connection, state })
        {
            stored.Add(await records.EnqueueDurableAsync(record, CancellationToken.None));
        }
        await Task.WhenAll(stored);

        var read = await app.AsSystemAsync(async (_, db) => (
            Events: await db.ElevatorEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.Id == full.Id || e.Id == sparse.Id).OrderBy(e => e.Id).ToListAsync(),
            Counter: await db.CounterReadings.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == counters.Id),
            Connection: await db.ConnectionChanges.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == connection.Id),
            State: await db.StateChanges.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == state.Id)));

        Assert.True(full.Id > 0 && sparse.Id > full.Id);
        Assert.Equivalent(new[] { full, sparse }, read.Events, strict: true);
        Assert.Equivalent(counters, read.Counter, strict: true);
        Assert.Equivalent(connection, read.Connection, strict: true);
        Assert.Equivalent(state, read.State, strict: true);
        Assert.Equal(At.Ticks, read.Events[0].DeviceTimeUtc!.Value.Ticks);
    }

    [Fact]
    public async Task AnEventThatIsAlreadyStoredIsAcknowledgedAndNotStoredTwice()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 42);
        var records = app.Services.GetRequiredService<DeviceRecordBuffer>();
        ElevatorEvent Event() => new()
        {
            DeviceId = collector.DeviceId, EventId = "cols-dup", ElevatorId = collector.ElevatorId, Code = 45,
            Kind = FaultKind.Event, Raised = true, ReceivedAtUtc = At,
        };

        await await records.EnqueueDurableAsync(Event(), CancellationToken.None);
        // Two more deliveries in one batch: neither the database's unique index nor the batch itself may fail them.
        var again = await records.EnqueueDurableAsync(Event(), CancellationToken.None);
        var andAgain = await records.EnqueueDurableAsync(Event(), CancellationToken.None);
        await Task.WhenAll(again, andAgain);

        var count = await app.AsSystemAsync((_, db) => db.ElevatorEvents.IgnoreQueryFilters().CountAsync(e => e.DeviceId == collector.DeviceId && e.EventId == "cols-dup"));
        Assert.Equal(1, count);
    }
}
