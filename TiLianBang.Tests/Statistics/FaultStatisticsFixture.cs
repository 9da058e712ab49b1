using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Statistics;

/// <summary>
/// Hand-counted faults of March 2020 (China time; the demo has nothing that old), on elevators of their own so that
/// every figure below is known:
/// <code>
///   elevator  company  brand  order  raised (local)      code  worker   state
///   E1        渝安      测A    o0     02-29 23:50         2     worker   closed      outside (the day before)
///   E1                        o1     03-01 00:10         2     worker   closed      inside
///   E1                        o2     03-31 23:50         3     worker   closed 04-01 inside (counted when raised)
///   E1                        o3     04-01 00:10         2     worker   created     outside (the day after)
///   E1                        o4     03-10 09:00         2     -        cancelled   not a fault (false alarm)
///   E1                        o5     03-15 09:00         2     worker   submitted   inside
///   E2        渝安      测A    o6     03-05 10:00         -     -        created     inside (reported by hand)
///   E2                        o7     03-06 10:00         -     -        accepted    inside
///   E3        渝安      -      o8     03-20 10:00         2     weibao   closed      inside
///   E4        两江      测A    o9/o10 03-12 10:00         2     -        created     only 两江 sees these
/// </code>
/// 渝安 (weibao) therefore counts 6 faults: E1 3, E2 2, E3 1; code 2: 3, none: 2, code 3: 1; worker 3, none 2,
/// weibao 1; 测A 5 (fleet 2), no brand 1 (fleet 1). E1's counters: 1000 at 03-01 08:00, 1500 at 03-15, 3000 at
/// 03-31 20:00 (and readings just outside: 500 on 02-29 23:50, 9999 on 04-01 00:10) = 2000 runs; E2, E3 none.
/// </summary>
public static class FaultStatisticsFixture
{
    public const string From = "2020-03-01";
    public const string To = "2020-03-31";
    public static readonly TimeZoneInfo China = ChinaTime.Zone;

    public sealed record Ids(int E1, int E2, int E3, int E4, int Worker, int Manager, IReadOnlyDictionary<string, int> Orders);

    public static DateTime Local(int month, int day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2020, month, day, hour, minute, 0, DateTimeKind.Unspecified), China);

    public static Task<Ids> SeedAsync(TiLianBangAppFactory app, string prefix) => app.AsSystemAsync(async (_, db) =>
    {
        var yuan = await db.Elevators.AsNoTracking().SingleAsync(e => e.Number == "CQ0001");
        var liangjiang = await db.Elevators.AsNoTracking().SingleAsync(e => e.Number == "CQ0003");
        var worker = await db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceWorker).Select(u => u.Id).SingleAsync();
        var manager = await db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceManager).Select(u => u.Id).SingleAsync();
        Elevator Copy(Elevator template, string number, string? brand) => new()
        {
            Number = prefix + number, Name = "统计测试 " + number, CommunityId = template.CommunityId, UserUnitId = template.UserUnitId,
            MaintenanceCompanyId = template.MaintenanceCompanyId, Brand = brand, Floors = 10, RatedSpeed = 1m, RatedLoad = 800,
        };
        var (e1, e2, e3, e4) = (Copy(yuan, "E1", "测A"), Copy(yuan, "E2", " 测A "), Copy(yuan, "E3", null), Copy(liangjiang, "E4", "测A"));
        db.Elevators.AddRange(e1, e2, e3, e4);
        await db.SaveChangesAsync();

        var orders = new Dictionary<string, RepairOrder>();
        void Order(string name, Elevator e, DateTime createdUtc, int? code, int? assigned, RepairOrderState state, DateTime? closedUtc = null) =>
            orders[name] = new RepairOrder
            {
                Number = prefix + name.ToUpperInvariant() + "X", ElevatorId = e.Id, Source = code is null ? RepairOrderSource.Manual : RepairOrderSource.Device,
                FaultCode = code, Description = "统计测试", State = state, AssignedWorkerId = assigned, CreatedAtUtc = createdUtc, ClosedAtUtc = closedUtc,
                CancelReason = state == RepairOrderState.Cancelled ? "误报" : null,
            };
        Order("o0", e1, Local(2, 29, 23, 50), 2, worker, RepairOrderState.Closed);
        Order("o1", e1, Local(3, 1, 0, 10), 2, worker, RepairOrderState.Closed);
        Order("o2", e1, Local(3, 31, 23, 50), 3, worker, RepairOrderState.Closed, Local(4, 1, 1, 30));
        Order("o3", e1, Local(4, 1, 0, 10), 2, worker, RepairOrderState.Created);
        Order("o4", e1, Local(3, 10, 9, 0), 2, null, RepairOrderState.Cancelled);
        Order("o5", e1, Local(3, 15, 9, 0), 2, worker, RepairOrderState.Submitted);
        Order("o6", e2, Local(3, 5, 10, 0), null, null, RepairOrderState.Created);
        Order("o7", e2, Local(3, 6, 10, 0), null, null, RepairOrderState.Accepted);
        Order("o8", e3, Local(3, 20, 10, 0), 2, manager, RepairOrderState.Closed);
        Order("o9", e4, Local(3, 12, 10, 0), 2, null, RepairOrderState.Created);
        Order("o10", e4, Local(3, 12, 11, 0), 2, null, RepairOrderState.Created);
        db.RepairOrders.AddRange(orders.Values);

        void Reading(DateTime atUtc, long runs) => db.CounterReadings.Add(new CounterReading
        {
            DeviceId = prefix + "E1", ElevatorId = e1.Id, Runs = runs, ReceivedAtUtc = atUtc, DeviceTimeUtc = atUtc,
        });
        Reading(Local(2, 29, 23, 50), 500);
        Reading(Local(3, 1, 8, 0), 1000);
        Reading(Local(3, 15, 8, 0), 1500);
        Reading(Local(3, 31, 20, 0), 3000);
        Reading(Local(4, 1, 0, 10), 9999);
        await db.SaveChangesAsync();
        return new Ids(e1.Id, e2.Id, e3.Id, e4.Id, worker, manager, orders.ToDictionary(o => o.Key, o => o.Value.Id));
    });
}

/// <summary>The app with the hand-counted faults seeded once, in China time.</summary>
public sealed class FaultStatisticsApp : TiLianBangAppFactory
{
    private readonly Lazy<Task<FaultStatisticsFixture.Ids>> _seeded;

    public FaultStatisticsApp()
    {
        Clock.SetLocalTimeZone(FaultStatisticsFixture.China);
        _seeded = new(() => FaultStatisticsFixture.SeedAsync(this, "FS"));
    }

    public Task<FaultStatisticsFixture.Ids> SeededAsync() => _seeded.Value;
}
