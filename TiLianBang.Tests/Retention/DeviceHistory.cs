using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Statistics;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Retention;

/// <summary>
/// A hundred and twenty days of raw device rows for a few elevators, in the order the writer would have stored
/// them, with what each local day must fold to worked out while generating: counters every three hours (one
/// controller reset, five silent days), five 90-second trips a day (one across midnight), a disconnect a day and a
/// fault every tenth day.
/// </summary>
public sealed class DeviceHistory
{
    public const int Days = 120;

    public List<CounterReading> Counters { get; } = [];
    public List<StateChange> States { get; } = [];
    public List<ConnectionChange> Connections { get; } = [];
    public List<ElevatorEvent> Events { get; } = [];

    /// <summary>Expected figures per (elevator, local day).</summary>
    public Dictionary<(int ElevatorId, DateOnly Day), Expected> Figures { get; } = [];

    public sealed class Expected
    {
        public long Runs { get; set; }
        public double RunHours { get; set; }
        public long DoorCycles { get; set; }
        public int Trips { get; set; }
        public double RunningSeconds { get; set; }
        public int Faults { get; set; }
        public int Disconnects { get; set; }
    }

    public static DeviceHistory For(IReadOnlyList<int> elevatorIds, DateOnly today)
    {
        var history = new DeviceHistory();
        var rows = new List<(DateTime At, object Row)>();
        foreach (var elevatorId in elevatorIds)
        {
            var device = $"RET{elevatorId:D6}";
            long runs = 50_000 + elevatorId;
            double hours = 3_000;
            long doors = 100_000;
            var first = true;
            for (var d = -Days; d < 0; d++)
            {
                var day = today.AddDays(d);
                Expected E(DateOnly x) => history.Figures.TryGetValue((elevatorId, x), out var e) ? e : history.Figures[(elevatorId, x)] = new Expected();
                DateTime At(int hour, int minute = 0, int second = 0) =>
                    StatisticsPeriod.StartOfDayUtc(day, ChinaTime.Zone).AddHours(hour).AddMinutes(minute).AddSeconds(second);

                if (d is < -70 or > -66)
                {
                    for (var h = 1; h < 24; h += 3)
                    {
                        var reset = d == -50 && h == 13;
                        var (r, hr, dc) = (10 + (d * 7 + h + elevatorId) % 13 + 13, 0.25 + h / 100.0, 0L);
                        dc = 2 * r;
                        if (reset)
                        {
                            (runs, hours, doors) = (r, hr, dc);
                        }
                        else
                        {
                            (runs, hours, doors) = (runs + r, hours + hr, doors + dc);
                        }
                        if (!first)
                        {
                            var e = E(day);
                            e.Runs += r;
                            e.RunHours += hr;
                            e.DoorCycles += dc;
                        }
                        first = false;
                        rows.Add((At(h, 30), new CounterReading
                        {
                            DeviceId = device, ElevatorId = elevatorId, Runs = runs, RunHours = hours, DoorCycles = doors,
                            IsReset = reset, ResetCounters = reset ? "runs, runHours, doorCycles" : null, ReceivedAtUtc = At(h, 30),
                        }));
                    }
                }
                for (var trip = 0; trip < 5; trip++)
                {
                    rows.Add((At(8 + 2 * trip), State(elevatorId, device, true, At(8 + 2 * trip))));
                    rows.Add((At(8 + 2 * trip, 1, 30), State(elevatorId, device, false, At(8 + 2 * trip, 1, 30))));
                    E(day).Trips++;
                    E(day).RunningSeconds += 90;
                }
                if (d == -40)
                {
                    // A trip across midnight: started (and counted) today, its time split between the two days.
                    rows.Add((At(23, 59), State(elevatorId, device, true, At(23, 59))));
                    rows.Add((At(24, 1), State(elevatorId, device, false, At(24, 1))));
                    E(day).Trips++;
                    E(day).RunningSeconds += 60;
                    E(day.AddDays(1)).RunningSeconds += 60;
                }
                rows.Add((At(2), new ConnectionChange { DeviceId = device, ElevatorId = elevatorId, Online = false, Reason = ConnectionReason.HeartbeatTimeout, AtUtc = At(2) }));
                rows.Add((At(2, 5), new ConnectionChange { DeviceId = device, ElevatorId = elevatorId, Online = true, Reason = ConnectionReason.MessageReceived, AtUtc = At(2, 5) }));
                E(day).Disconnects++;
                if (d % 10 == 0)
                {
                    rows.Add((At(15), new ElevatorEvent
                    {
                        DeviceId = device, EventId = $"ret-{elevatorId}-{d}", ElevatorId = elevatorId, Code = 2, Kind = FaultKind.Fault,
                        Raised = true, ReceivedAtUtc = At(15), HandledAtUtc = At(15),
                    }));
                    E(day).Faults++;
                }
            }
        }
        foreach (var (_, row) in rows.OrderBy(r => r.At))
        {
            switch (row)
            {
                case CounterReading c: history.Counters.Add(c); break;
                case StateChange s: history.States.Add(s); break;
                case ConnectionChange c: history.Connections.Add(c); break;
                case ElevatorEvent e: history.Events.Add(e); break;
            }
        }
        return history;
    }

    private static StateChange State(int elevatorId, string device, bool running, DateTime at) => new()
    {
        ElevatorId = elevatorId, DeviceId = device, Mode = ServiceMode.Normal, Running = running,
        Direction = running ? CarDirection.Up : CarDirection.None, Floor = 1, AtUtc = at,
    };
}
