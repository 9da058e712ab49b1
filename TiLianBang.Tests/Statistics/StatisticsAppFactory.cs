using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Statistics;

/// <summary>
/// The app at a fixed moment (2027-04-15 12:00 China time) with a maintenance company of its own in a region of its
/// own: four elevators and their orders, dated by hand, so every dashboard and trend figure can be counted by eye.
/// The demo companies' data stays in the database and must never show up in these figures.
/// </summary>
public sealed class StatisticsAppFactory : TiLianBangAppFactory
{
    public static readonly DateTimeOffset Now = new(2027, 4, 15, 4, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2027, 4, 15);
    public static readonly Region TestRegion = new() { Province = "统计省", City = "统计市", District = "测试区" };

    private readonly Lazy<Task<StatisticsData>> _data;

    public StatisticsAppFactory()
    {
        // China time, as in production: the month and day boundaries under test are UTC+8's.
        Clock.SetLocalTimeZone(ChinaTime.Zone);
        _data = new(SeedAsync);
    }

    public Task<StatisticsData> DataAsync() => _data.Value;

    private async Task<StatisticsData> SeedAsync()
    {
        Clock.SetUtcNow(Now);
        var data = await SeedOrdersAsync();
        // Certificates of the company's people: one expired yesterday, two due today and in exactly 30 days, one a day later.
        foreach (var (name, expires) in new[] { ("tj-expired", Today.AddDays(-1)), ("tj-today", Today), ("tj-30", Today.AddDays(30)), ("tj-31", Today.AddDays(31)) })
        {
            var account = await CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, name, "Initial-pass-1", mustChangePassword: false);
            await AsSystemAsync(async (_, db) =>
            {
                var stored = await db.Users.SingleAsync(u => u.Id == account.Id);
                stored.CompanyId = data.MaintainerId;
                stored.Certificate = new OperatorCertificate { Number = name, ExpiresOn = expires };
                return await db.SaveChangesAsync();
            });
        }
        return data;
    }

    private Task<StatisticsData> SeedOrdersAsync()
    {
        return AsSystemAsync(async (_, db) =>
        {
            var maintainer = new Company { Name = "统计测试维保公司", Kind = CompanyKind.MaintenanceCompany, Region = TestRegion };
            var unit = new Company { Name = "统计测试物业", Kind = CompanyKind.UserUnit, Region = TestRegion };
            var supervisor = new Company { Name = "统计测试监管", Kind = CompanyKind.Supervisor, Region = TestRegion };
            var community = new Community { Name = "统计小区", Region = TestRegion, Latitude = 29.6, Longitude = 106.5 };
            db.AddRange(maintainer, unit, supervisor, community);
            await db.SaveChangesAsync();

            Elevator Lift(int n, DateOnly? inspection, DateOnly? contractEnd, DateOnly? installed, bool ofUnit) => new()
            {
                Number = $"TJ{n:D3}", Name = $"统计 {n} 号梯", CommunityId = community.Id, MaintenanceCompanyId = maintainer.Id,
                UserUnitId = ofUnit ? unit.Id : null, NextInspectionDate = inspection, MaintenanceContractEndDate = contractEnd,
                InstallDate = installed, Floors = 10, Stops = 10, Doors = 10,
            };
            // Inspections within 30 days: TJ001 (exactly 30 days) and TJ003 (passed); TJ002 is a day too far.
            var e1 = Lift(1, Today.AddDays(30), Today.AddDays(10), new DateOnly(2026, 12, 31), false);
            var e2 = Lift(2, Today.AddDays(31), Today.AddDays(31), new DateOnly(2027, 4, 1), false);
            var e3 = Lift(3, Today.AddDays(-5), null, new DateOnly(2026, 4, 30), false);
            var e4 = Lift(4, null, null, null, true);
            db.Elevators.AddRange(e1, e2, e3, e4);
            await db.SaveChangesAsync();

            var worker = await db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceWorker);
            var order = 0;
            RepairOrder Repair(Elevator e, RepairOrderState state, DateTime createdUtc, bool trapped = false, int? workerId = null) => new()
            {
                Number = $"TJX{++order:D4}", ElevatorId = e.Id, State = state, CreatedAtUtc = createdUtc, PassengersTrapped = trapped,
                Description = trapped ? "困人" : "故障", AssignedWorkerId = workerId, Source = RepairOrderSource.Device, FaultCode = 100 + order,
            };
            var now = Now.UtcDateTime;
            db.RepairOrders.AddRange(
                // Open work: 待接警 2 (one trapped, 50 minutes old: over the 30-minute city limit), 已接警 1, 已签到 1 (the worker's),
                // 处理中 1 (the worker's), 待审核 1 (on the property's elevator); closed and cancelled ones are not work.
                Repair(e1, RepairOrderState.Created, now.AddMinutes(-50), trapped: true),
                Repair(e2, RepairOrderState.Created, now.AddMinutes(-5)),
                Repair(e1, RepairOrderState.Accepted, now.AddHours(-2)),
                Repair(e2, RepairOrderState.SignedIn, now.AddHours(-3), workerId: worker.Id),
                Repair(e3, RepairOrderState.Processing, now.AddHours(-4), workerId: worker.Id),
                Repair(e4, RepairOrderState.Submitted, now.AddDays(-1)),
                Repair(e1, RepairOrderState.Closed, now.AddDays(-2)),
                Repair(e1, RepairOrderState.Cancelled, now.AddDays(-2)),
                // Month boundaries in China time (UTC+8), for the trends:
                Repair(e1, RepairOrderState.Closed, new DateTime(2027, 3, 31, 17, 0, 0, DateTimeKind.Utc)),  // 04-01 01:00 → April
                Repair(e1, RepairOrderState.Closed, new DateTime(2027, 3, 31, 15, 59, 0, DateTimeKind.Utc)), // 03-31 23:59 → March
                Repair(e2, RepairOrderState.Closed, new DateTime(2027, 2, 10, 2, 0, 0, DateTimeKind.Utc), trapped: true),
                Repair(e3, RepairOrderState.Closed, new DateTime(2026, 4, 30, 16, 30, 0, DateTimeKind.Utc)), // 05-01 00:30 → May 2026
                Repair(e3, RepairOrderState.Closed, new DateTime(2026, 4, 30, 15, 30, 0, DateTimeKind.Utc))); // 04-30 23:30 → April 2026
            // Another company's fault (a demo elevator maintained by 渝安) in March: never in this company's figures.
            var demo = await db.Elevators.SingleAsync(x => x.Number == "CQ0001");
            db.RepairOrders.Add(Repair(demo, RepairOrderState.Created, new DateTime(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc), trapped: true));

            var visit = 0;
            MaintenanceOrder Visit(Elevator e, DateOnly due, MaintenanceOrderState state, int? workerId, DateTime? submittedUtc = null) => new()
            {
                Number = $"TJB{++visit:D4}", ElevatorId = e.Id, ScheduleKey = $"tj-{visit}", DueOn = due, DueReason = "测试", State = state,
                WorkerId = workerId, CreatedAtUtc = now.AddDays(-30), SubmittedAtUtc = submittedUtc,
            };
            db.MaintenanceOrders.AddRange(
                Visit(e1, Today, MaintenanceOrderState.Assigned, worker.Id),          // due today, the worker's
                Visit(e2, Today, MaintenanceOrderState.Confirmed, null, now.AddHours(-1)), // due today, done
                Visit(e3, Today.AddDays(-3), MaintenanceOrderState.Assigned, worker.Id), // overdue this week, the worker's
                Visit(e1, Today.AddDays(-8), MaintenanceOrderState.Assigned, null),   // overdue, but not this week
                Visit(e2, Today.AddDays(-2), MaintenanceOrderState.Submitted, null, new DateTime(2027, 1, 31, 16, 10, 0, DateTimeKind.Utc)), // done: not overdue; Feb in China
                Visit(e3, Today.AddDays(1), MaintenanceOrderState.Pending, null));    // tomorrow
            await db.SaveChangesAsync();
            return new StatisticsData(maintainer.Id, unit.Id, supervisor.Id, worker.Id, [e1.Id, e2.Id, e3.Id, e4.Id]);
        });
    }

    /// <summary>A DI scope acting as a person of the given company with the given permissions.</summary>
    public AsyncServiceScope ScopeAs(int accountId, int companyId, CompanyKind kind, Region? region, params string[] permissions)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetUser(
            TestPrincipal.For(accountId, "tester", companyId, kind, region, permissions), "127.0.0.1");
        return scope;
    }
}

public sealed record StatisticsData(int MaintainerId, int UserUnitId, int SupervisorId, int WorkerId, int[] ElevatorIds);
