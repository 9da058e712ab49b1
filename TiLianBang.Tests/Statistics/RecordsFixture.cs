using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Statistics;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Tests.Maintenance;

namespace TiLianBang.Tests.Statistics;

/// <summary>
/// Hand-made records for STA-1 and STA-3 in a period long before the demo data (400–430 days ago, China time), so
/// every figure below is counted by hand from this list:
/// <code>
/// worker "统计甲" (渝安), period P = [D1, D2]:
///   V1 CQ0001 due D2-5  in D2-5 09:00  out D2-5 10:30  已确认  on time, 90 min
///   V2 CQ0001 due D2-3  in D2-3 23:30  out D2-2 00:30  待确认  late (crosses midnight), 60 min
///   V3 CQ0002 due D2    in D2 22:00    out D2 23:30    待确认  on time, last day 23:30: inside, 90 min
///   V4 CQ0002 due D2    in D2+1 00:00  out D2+1 00:10  待确认  00:10 the day after: outside
///   V5 CQ0001 due D1    in D1 00:00    out D1 00:10    已确认  first minute of the period: inside, 10 min
///   V6 CQ0001 due D1-1  out D1-1 23:50                 已确认  the day before: outside
///   V7 CQ0002 due today-3, 已派工: 超期 now
///   V8 CQ0002 due today+5, 已派工: not yet due
///   V9 CQ0001 due D1+2, 已派工: open in the period and 超期 now
///   VX CQ0003 (两江's elevator) due D2-1, out D2-1 10:00: never visible to 渝安
///   → done 4 (on time 3, late 1), on site (90+60+90+10)/4 = 62.5 min, 超期 open 2 (V7, V9)
///   R1 CQ0001 raised D2 23:30, on site D2+1 00:15 (45 min)   R2 CQ0002 raised D1 08:00, on site 08:25 (25 min)
///   R3 CQ0001 raised D2+1 00:10 (outside)   R4 CQ0001 raised D2-1, cancelled   R5 CQ0003 raised D2-1 (两江)
///   → repairs 2, arrival (45+25)/2 = 35 min
/// worker "统计乙" (两江): one done visit WX on CQ0003 due D2-1 — another company's worker, invisible to 渝安.
/// faults CQ0001: F1 raised D2 23:30 (inside), F2 cleared D2+1 00:10 (outside), F3 raised D1 00:00 (inside).
/// </code>
/// </summary>
internal sealed record RecordsFixture(
    DateOnly From, DateOnly To, int Worker, int OtherWorker, int Elevator1, int Elevator2, int OtherElevator,
    IReadOnlyDictionary<string, int> Visits, IReadOnlyDictionary<string, int> Repairs)
{
    public static readonly TimeZoneInfo China = ChinaTime.Zone;

    public string Period => $"preset=Custom&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TiLianBangAppFactory, Lazy<Task<RecordsFixture>>> Arranged = [];

    public static Task<RecordsFixture> OfAsync(TiLianBangAppFactory app) => Arranged.GetValue(app, a => new Lazy<Task<RecordsFixture>>(() => ArrangeAsync(a))).Value;

    private static async Task<RecordsFixture> ArrangeAsync(TiLianBangAppFactory app)
    {
        app.Clock.SetLocalTimeZone(China);
        var today = app.Clock.Today();
        var d2 = today.AddDays(-400);
        var d1 = d2.AddDays(-30);
        DateTime At(DateOnly day, int hour, int minute) => StatisticsPeriod.StartOfDayUtc(day, China).AddHours(hour).AddMinutes(minute);

        var worker = (await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "stat-worker-a", DemoAccounts.Password, false)).Id;
        var other = (await app.CreateAccountLikeAsync(DemoAccounts.OtherMaintenanceManager, "stat-worker-b", DemoAccounts.Password, false)).Id;
        await app.AsSystemAsync(async (_, db) =>
        {
            foreach (var (id, name) in new[] { (worker, "统计甲"), (other, "统计乙") })
            {
                (await db.Users.SingleAsync(u => u.Id == id)).DisplayName = name;
            }
            return await db.SaveChangesAsync();
        });
        var (e1, _) = await app.ElevatorAsync(1);
        var (e2, _) = await app.ElevatorAsync(2);
        var (e3, _) = await app.ElevatorAsync(3);

        var visits = new Dictionary<string, MaintenanceOrder>
        {
            ["V1"] = Visit("V1", e1, d2.AddDays(-5), worker, MaintenanceOrderState.Confirmed, At(d2.AddDays(-5), 9, 0), At(d2.AddDays(-5), 10, 30)),
            ["V2"] = Visit("V2", e1, d2.AddDays(-3), worker, MaintenanceOrderState.Submitted, At(d2.AddDays(-3), 23, 30), At(d2.AddDays(-2), 0, 30)),
            ["V3"] = Visit("V3", e2, d2, worker, MaintenanceOrderState.Submitted, At(d2, 22, 0), At(d2, 23, 30)),
            ["V4"] = Visit("V4", e2, d2, worker, MaintenanceOrderState.Submitted, At(d2.AddDays(1), 0, 0), At(d2.AddDays(1), 0, 10)),
            ["V5"] = Visit("V5", e1, d1, worker, MaintenanceOrderState.Confirmed, At(d1, 0, 0), At(d1, 0, 10)),
            ["V6"] = Visit("V6", e1, d1.AddDays(-1), worker, MaintenanceOrderState.Confirmed, At(d1.AddDays(-1), 23, 0), At(d1.AddDays(-1), 23, 50)),
            ["V7"] = Visit("V7", e2, today.AddDays(-3), worker, MaintenanceOrderState.Assigned, null, null),
            ["V8"] = Visit("V8", e2, today.AddDays(5), worker, MaintenanceOrderState.Assigned, null, null),
            ["V9"] = Visit("V9", e1, d1.AddDays(2), worker, MaintenanceOrderState.Assigned, null, null),
            ["VX"] = Visit("VX", e3, d2.AddDays(-1), worker, MaintenanceOrderState.Submitted, At(d2.AddDays(-1), 9, 0), At(d2.AddDays(-1), 10, 0)),
            ["WX"] = Visit("WX", e3, d2.AddDays(-2), other, MaintenanceOrderState.Submitted, At(d2.AddDays(-2), 9, 0), At(d2.AddDays(-2), 10, 0)),
        };
        var repairs = new Dictionary<string, RepairOrder>
        {
            ["R1"] = Repair("R1", e1, worker, RepairOrderState.Closed, At(d2, 23, 30), At(d2.AddDays(1), 0, 15)),
            ["R2"] = Repair("R2", e2, worker, RepairOrderState.Processing, At(d1, 8, 0), At(d1, 8, 25)),
            ["R3"] = Repair("R3", e1, worker, RepairOrderState.Accepted, At(d2.AddDays(1), 0, 10), null),
            ["R4"] = Repair("R4", e1, worker, RepairOrderState.Cancelled, At(d2.AddDays(-1), 12, 0), null),
            ["R5"] = Repair("R5", e3, worker, RepairOrderState.Closed, At(d2.AddDays(-1), 12, 0), At(d2.AddDays(-1), 12, 20)),
        };
        await app.AsSystemAsync(async (_, db) =>
        {
            db.MaintenanceOrders.AddRange(visits.Values);
            db.RepairOrders.AddRange(repairs.Values);
            db.ElevatorEvents.AddRange(
                Event("F1", e1, 30, raised: true, At(d2, 23, 30)),
                Event("F2", e1, 30, raised: false, At(d2.AddDays(1), 0, 10)),
                Event("F3", e1, 31, raised: true, At(d1, 0, 0)));
            return await db.SaveChangesAsync();
        });
        return new RecordsFixture(d1, d2, worker, other, e1, e2, e3,
            visits.ToDictionary(v => v.Key, v => v.Value.Id), repairs.ToDictionary(r => r.Key, r => r.Value.Id));
    }

    private static MaintenanceOrder Visit(string key, int elevator, DateOnly due, int worker, MaintenanceOrderState state, DateTime? signedIn, DateTime? submitted) => new()
    {
        Number = "BYST" + key, ElevatorId = elevator, ScheduleKey = "stat-" + key, Mode = MaintenanceMode.FixedCycle, Period = MaintenancePeriod.HalfMonthly,
        DueOn = due, DueReason = "统计测试", State = state, WorkerId = worker, CreatedAtUtc = due.AddDays(-10).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        AssignedAtUtc = due.AddDays(-9).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), SignedInAtUtc = signedIn, SubmittedAtUtc = submitted,
        ConfirmedAtUtc = state == MaintenanceOrderState.Confirmed ? submitted?.AddHours(2) : null,
    };

    private static RepairOrder Repair(string key, int elevator, int worker, RepairOrderState state, DateTime created, DateTime? signedIn) => new()
    {
        Number = "JXST" + key, ElevatorId = elevator, Source = RepairOrderSource.Manual, Description = "统计测试 " + key, State = state,
        AssignedWorkerId = worker, CreatedAtUtc = created, AcceptedAtUtc = created.AddMinutes(2), SignedInAtUtc = signedIn,
        ClosedAtUtc = state == RepairOrderState.Closed ? signedIn?.AddHours(1) : null,
    };

    private static ElevatorEvent Event(string key, int elevator, int code, bool raised, DateTime at) => new()
    {
        DeviceId = "stat-device", EventId = "stat-" + key, ElevatorId = elevator, Code = code, Kind = FaultKind.Fault, Raised = raised, ReceivedAtUtc = at,
        HandledAtUtc = at,
    };
}
