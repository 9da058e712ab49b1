using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Statistics;

/// <summary>
/// A maintenance company of its own with eight hand-described elevators (and a rival company with two), so that the
/// wall screen's figures can be counted by hand. "Now" is 23:30 China time on 31 Dec 2026 (15:30 UTC).
/// </summary>
public sealed class WallScreenFixture
{
    public static readonly DateTimeOffset Now = new(2026, 12, 31, 15, 30, 0, TimeSpan.Zero);
    public static readonly TimeZoneInfo China = ChinaTime.Zone;

    public required int CompanyId { get; init; }
    public required int RivalId { get; init; }
    public required int[] Elevators { get; init; }
    public required int[] RivalElevators { get; init; }

    /// <summary>Sets the app's clock to <see cref="Now"/> in China time (never backwards: it only moves on).</summary>
    public static void SetClock(TiLianBangAppFactory app)
    {
        app.Clock.SetLocalTimeZone(China);
        if (app.Clock.GetUtcNow() < Now)
        {
            app.Clock.SetUtcNow(Now);
        }
    }

    public static DateTime Utc(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    /// <summary>
    /// 渝北区 (limit 30 min): E1 住宅 2021-12-31, E2 小区住宅楼 2020-12-31, E3 写字楼 2016-01-01;
    /// 江北区 (30 min): E4 人民医院住院楼 2015-12-31, E5 火车站 2006-01-01, E8 商场 2021-06-01;
    /// 城口县 (60 min): E6 咖啡馆 2005-12-31, E7 no usage place and no installation date.
    /// The rival's two elevators (渝北区, 住宅, 2020) never count.
    /// </summary>
    public static Task<WallScreenFixture> CreateAsync(TiLianBangAppFactory app) => app.AsSystemAsync(async (_, db) =>
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        Region District(string name) => new() { Province = "重庆市", City = "重庆市", District = name };
        var company = new Company { Name = $"投屏测试维保{tag}", Kind = CompanyKind.MaintenanceCompany, Region = District("渝北区") };
        var rival = new Company { Name = $"投屏对手维保{tag}", Kind = CompanyKind.MaintenanceCompany, Region = District("渝北区") };
        var yubei = new Community { Name = $"渝北小区{tag}", Region = District("渝北区") };
        var jiangbei = new Community { Name = $"江北小区{tag}", Region = District("江北区") };
        var chengkou = new Community { Name = $"城口小区{tag}", Region = District("城口县") };
        db.AddRange(company, rival, yubei, jiangbei, chengkou);
        await db.SaveChangesAsync();
        var n = 0;
        Elevator Elevator(Company owner, Community community, string? usage, DateOnly? installed) => new()
        {
            Number = $"T{tag}{++n:00}",
            Name = $"投屏测试梯{n}",
            CommunityId = community.Id,
            MaintenanceCompanyId = owner.Id,
            UsagePlace = usage,
            InstallDate = installed,
            Floors = 10,
        };
        Elevator[] ours =
        [
            Elevator(company, yubei, "住宅", new DateOnly(2021, 12, 31)),
            Elevator(company, yubei, "小区住宅楼", new DateOnly(2020, 12, 31)),
            Elevator(company, yubei, "写字楼", new DateOnly(2016, 1, 1)),
            Elevator(company, jiangbei, "人民医院住院楼", new DateOnly(2015, 12, 31)),
            Elevator(company, jiangbei, "火车站", new DateOnly(2006, 1, 1)),
            Elevator(company, chengkou, "咖啡馆", new DateOnly(2005, 12, 31)),
            Elevator(company, chengkou, null, null),
            Elevator(company, jiangbei, "商场", new DateOnly(2021, 6, 1)),
        ];
        Elevator[] theirs = [Elevator(rival, yubei, "住宅", new DateOnly(2020, 5, 1)), Elevator(rival, yubei, "住宅", new DateOnly(2020, 6, 1))];
        db.Elevators.AddRange(ours);
        db.Elevators.AddRange(theirs);
        await db.SaveChangesAsync();
        return new WallScreenFixture
        {
            CompanyId = company.Id,
            RivalId = rival.Id,
            Elevators = [.. ours.Select(e => e.Id)],
            RivalElevators = [.. theirs.Select(e => e.Id)],
        };
    });

    /// <summary>Elevator number k (1-based, as in the summary above).</summary>
    public int E(int k) => Elevators[k - 1];

    public static Task AddRepairAsync(TiLianBangAppFactory app, int elevatorId, DateTime createdAtUtc, bool trapped, DateTime? signedInAtUtc = null,
        RepairOrderState state = RepairOrderState.Created) =>
        app.AsSystemAsync(async (_, db) =>
        {
            db.RepairOrders.Add(new RepairOrder
            {
                Number = "JXT" + Guid.NewGuid().ToString("N")[..12],
                ElevatorId = elevatorId,
                Description = trapped ? "困人" : "门故障",
                PassengersTrapped = trapped,
                CreatedAtUtc = createdAtUtc,
                SignedInAtUtc = signedInAtUtc,
                State = signedInAtUtc is null ? state : RepairOrderState.SignedIn,
            });
            return await db.SaveChangesAsync();
        });

    public static Task AddMaintenanceAsync(TiLianBangAppFactory app, int elevatorId, DateOnly dueOn, MaintenanceOrderState state) =>
        app.AsSystemAsync(async (_, db) =>
        {
            db.MaintenanceOrders.Add(new MaintenanceOrder
            {
                Number = "BYT" + Guid.NewGuid().ToString("N")[..12],
                ElevatorId = elevatorId,
                ScheduleKey = "T" + Guid.NewGuid().ToString("N")[..8],
                DueOn = dueOn,
                DueReason = "测试",
                State = state,
            });
            return await db.SaveChangesAsync();
        });

    /// <summary>Runs <paramref name="work"/> as a person of the fixture's company (or the rival's).</summary>
    public async Task<T> AsCompanyAsync<T>(TiLianBangAppFactory app, Func<IServiceProvider, Task<T>> work, bool rival = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetUser(
            TestPrincipal.For(rival ? RivalId : CompanyId, CompanyKind.MaintenanceCompany, null, Permissions.StatisticsScreen), "127.0.0.1");
        return await work(scope.ServiceProvider);
    }
}
