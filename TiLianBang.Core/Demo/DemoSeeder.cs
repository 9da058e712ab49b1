using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Home;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Photos;
using TiLianBang.Core.Specifications;

namespace TiLianBang.Core.Demo;

/// <summary>
/// Fills an empty database with a believable Chongqing installation: companies of every kind with complete records,
/// communities with real-looking coordinates, 60 elevators, one documented account per role and the two
/// maintenance companies' teams (<see cref="DemoStaff"/>). It never touches a database that already holds
/// companies, so it cannot mix with real data and running it twice changes nothing.
/// </summary>
public sealed partial class DemoSeeder(
    TiLianBangDbContext db,
    UserManager<Account> users,
    CurrentActor actor,
    TimeProvider clock,
    PhotoStore photos,
    ILogger<DemoSeeder> logger)
{
    public const int ElevatorCount = 60;

    private static readonly (string Name, string District, string DistrictCode, double Lat, double Lng, string Address)[] Communities =
    [
        ("金开·锦绣华庭", "渝北区", "500112", 29.6108, 106.5245, "渝北区金开大道 1208 号"),
        ("龙塔·翠湖苑", "渝北区", "500112", 29.5905, 106.5290, "渝北区龙塔街道新南路 66 号"),
        ("两江·悦府", "渝北区", "500112", 29.6650, 106.5680, "渝北区星光大道 88 号"),
        ("观音桥·花园小区", "江北区", "500105", 29.5751, 106.5330, "江北区建新北路 36 号"),
        ("北滨·江景苑", "江北区", "500105", 29.5700, 106.5750, "江北区北滨一路 219 号"),
        ("解放碑·时代大厦", "渝中区", "500103", 29.5580, 106.5770, "渝中区民权路 27 号"),
        ("南坪·南山郡", "南岸区", "500108", 29.5270, 106.5720, "南岸区南城大道 199 号"),
        ("三峡广场·学府苑", "沙坪坝区", "500106", 29.5570, 106.4560, "沙坪坝区小龙坎正街 88 号"),
    ];

    private static readonly string[] Brands = ["西南", "通力", "日立", "三菱", "奥的斯", "迅达"];

    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        actor.SetSystem("system:demo-seed");
        if (await db.Companies.AnyAsync(cancellationToken))
        {
            LogSkipped(logger);
            return false;
        }

        var chongqing = new Region { Province = "重庆市", City = "重庆市" };
        Region District(string name) => chongqing with { District = name };

        var platform = Company("梯连帮运营中心", CompanyKind.Platform, chongqing);
        var maintenanceA = Company(DemoStaff.MaintenanceA, CompanyKind.MaintenanceCompany, District("渝北区"));
        var maintenanceB = Company(DemoStaff.MaintenanceB, CompanyKind.MaintenanceCompany, District("江北区"));
        var userUnitA = Company("重庆山城物业服务有限公司", CompanyKind.UserUnit, District("渝北区"));
        var userUnitB = Company("重庆嘉陵物业管理有限公司", CompanyKind.UserUnit, District("江北区"));
        var manufacturer = Company("重庆西南电梯制造有限公司", CompanyKind.Manufacturer, District("沙坪坝区"));
        var supervisor = Company("重庆市渝北区市场监督管理局", CompanyKind.Supervisor, District("渝北区"));
        var citySupervisor = Company("重庆市市场监督管理局", CompanyKind.Supervisor, chongqing);
        var inspection = Company("重庆市特种设备检测研究院", CompanyKind.InspectionAgency, District("渝中区"));
        db.Companies.AddRange(platform, maintenanceA, maintenanceB, userUnitA, userUnitB, manufacturer, supervisor, citySupervisor, inspection);

        var communities = Communities.Select(c => new Community
        {
            Name = c.Name,
            Region = District(c.District),
            Address = "重庆市" + c.Address,
            Latitude = c.Lat,
            Longitude = c.Lng,
        }).ToList();
        db.Communities.AddRange(communities);

        var random = new Random(2026);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var perCommunity = new int[Communities.Length];
        for (var i = 0; i < ElevatorCount; i++)
        {
            var c = i % Communities.Length;
            var community = communities[c];
            var seq = ++perCommunity[c];
            var brand = c == 7 || i % 5 == 0 ? Brands[0] : Brands[1 + random.Next(Brands.Length - 1)];
            var installed = new DateOnly(2008 + random.Next(16), 1 + random.Next(12), 1 + random.Next(28));
            var floors = c == 5 ? 33 : 6 + random.Next(27);
            // Towers downtown have car parks below ground: their landings start at B2 or B1.
            var basements = c == 5 ? 2 : c == 2 ? 1 : 0;
            var elevator = new Elevator
            {
                Number = $"CQ{i + 1:D4}",
                RegisterCode = $"3110{Communities[c].DistrictCode}{installed.Year:D4}{installed.Month:D2}{seq:D4}",
                Name = $"{community.Name} {1 + (seq - 1) / 2}栋{1 + (seq - 1) % 2}单元",
                Community = community,
                UserUnit = c % 2 == 0 ? userUnitA : userUnitB,
                MaintenanceCompany = i % 3 == 2 ? maintenanceB : maintenanceA,
                Manufacturer = brand == Brands[0] ? manufacturer : null,
                InspectionAgency = inspection,
                Variety = ElevatorVariety.TractionPassenger,
                Type = floors > 20 ? "乘客电梯" : "住宅电梯",
                Brand = brand,
                Model = brand == Brands[0] ? "XN-MRL" + (800 + random.Next(3) * 250) : null,
                Floors = floors,
                Stops = floors,
                Doors = floors,
                UsagePlace = c == 5 ? "办公" : "住宅",
                RegistrationAuthority = "重庆市市场监督管理局",
                RatedSpeed = floors > 20 ? 2.5m : floors > 11 ? 1.75m : 1.0m,
                RatedLoad = floors > 20 ? 1350 : 1000,
                InstallDate = installed,
                // A few overdue, most within the coming year: what a real portfolio looks like.
                NextInspectionDate = today.AddDays(-20 + random.Next(365)),
                // Contracts run by calendar year; a quarter of them end this year, so the warnings have work.
                MaintenanceContractEndDate = new DateOnly(today.Year + (i % 4 == 0 ? 0 : 1), 12, 31),
                FloorLabels = basements == 0 ? [] : [.. FloorMap.WithBasements(basements, floors).Labels],
            };
            db.Elevators.Add(elevator);
            var deviceId = DemoDevices.DeviceIdFor(i + 1);
            db.Devices.Add(new Device
            {
                DeviceId = deviceId,
                SecretHash = DeviceSecret.Hash(DemoDevices.SecretFor(deviceId)),
                Company = elevator.MaintenanceCompany,
                Elevator = elevator,
                Channel = 1,
            });
        }

        var roles = new Dictionary<string, Role>
        {
            ["admin"] = Role("平台管理员", platform, Permissions.All),
            ["maintenance"] = Role("维保经理", maintenanceA, PermissionCatalog.AllowedFor(CompanyKind.MaintenanceCompany)),
            ["maintenance2"] = Role("维保经理", maintenanceB, PermissionCatalog.AllowedFor(CompanyKind.MaintenanceCompany)),
            ["dispatcher"] = Role("调度员", maintenanceA, DispatcherPermissions),
            ["worker"] = Role("维保工", maintenanceA, WorkerPermissions),
            ["worker2"] = Role("维保工", maintenanceB, WorkerPermissions),
            ["leader"] = Role("维保班组长", maintenanceA, LeaderPermissions),
            ["leader2"] = Role("维保班组长", maintenanceB, LeaderPermissions),
            ["userunit"] = Role("物业管理员", userUnitA, UserUnitPermissions),
            ["userunit2"] = Role("物业管理员", userUnitB, UserUnitPermissions),
            ["manufacturer"] = Role("制造单位管理员", manufacturer,
            [
                Permissions.MonitorArea, Permissions.MonitorMap, Permissions.MonitorQuery,
                Permissions.StatisticsElevators, Permissions.StatisticsFaults, Permissions.ArchiveElevatorsView,
                Permissions.SystemSpecifications,
            ]),
            ["supervisor"] = Role("监管员", supervisor, SupervisorPermissions),
            ["supervisor2"] = Role("监管员", citySupervisor, SupervisorPermissions),
        };
        db.Roles.AddRange(roles.Values);
        await db.SaveChangesAsync(cancellationToken);

        await AddAccountAsync(DemoAccounts.PlatformAdmin, "平台管理员", roles["admin"]);
        await AddAccountAsync(DemoAccounts.MaintenanceManager, "张建国", roles["maintenance"]);
        await AddAccountAsync(DemoAccounts.OtherMaintenanceManager, "刘志强", roles["maintenance2"]);
        await AddAccountAsync(DemoAccounts.MaintenanceWorker, "李师傅", roles["worker"]);
        await AddAccountAsync(DemoAccounts.UserUnitManager, "王丽", roles["userunit"]);
        await AddAccountAsync(DemoAccounts.OtherUserUnitManager, "陈静", roles["userunit2"]);
        await AddAccountAsync(DemoAccounts.ManufacturerManager, "赵工", roles["manufacturer"]);
        await AddAccountAsync(DemoAccounts.Supervisor, "周科长", roles["supervisor"]);
        var leaderA = await AddPersonAsync(DemoStaff.LeaderA, roles["leader"]);
        var workersA = new List<int>();
        foreach (var person in DemoStaff.WorkersA)
        {
            workersA.Add(await AddPersonAsync(person, roles["worker"]));
        }
        var leaderB = await AddPersonAsync(DemoStaff.LeaderB, roles["leader2"]);
        var workersB = new List<int>();
        foreach (var person in DemoStaff.WorkersB)
        {
            workersB.Add(await AddPersonAsync(person, roles["worker2"]));
        }
        await AddPersonAsync(DemoStaff.CitySupervisor, roles["supervisor2"]);
        await AddPersonAsync(DemoStaff.DispatcherA, roles["dispatcher"]);
        var worker = await db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceWorker).Select(u => u.Id).SingleAsync(cancellationToken);
        // 渝北一组 is the team leader's with 李师傅 (the documented worker) and 陈志明; 杨勇 leads 渝北二组.
        var groupsA = new[]
        {
            Group(maintenanceA, "渝北一组", leaderA, [leaderA, worker, workersA[0]]),
            Group(maintenanceA, "渝北二组", workersA[1], [workersA[1], workersA[2]]),
        };
        db.MaintenanceGroups.AddRange(groupsA);
        db.MaintenanceGroups.AddRange(
            Group(maintenanceB, "江北一组", leaderB, [leaderB, workersB[0]]),
            Group(maintenanceB, "观音桥组", workersB[1], [workersB[1], workersB[2]]));
        await db.SaveChangesAsync(cancellationToken);
        await AddMaintenancePlansAsync(maintenanceA, groupsA, today, cancellationToken);
        await AddHomeAndSpecificationsAsync(maintenanceA, maintenanceB, cancellationToken);
        LogSeeded(logger, ElevatorCount);
        return true;
    }

    /// <summary>
    /// 渝安's plans for the elevators it maintains (两江's are left unplanned, as a new customer's are): the first
    /// half with 渝北一组, the rest with 渝北二组, each visit named to one of the group's members in turn (计划录入's
    /// 维保人员); first visits spread over the coming 15 days, two monitored elevators on demand.
    /// </summary>
    private async Task AddMaintenancePlansAsync(Company maintainer, MaintenanceGroup[] groups, DateOnly today, CancellationToken cancellationToken)
    {
        var elevators = await db.Elevators.Where(e => e.MaintenanceCompanyId == maintainer.Id).OrderBy(e => e.Number).Select(e => e.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.MaintenancePlans.AddRange(elevators.Select((id, n) =>
        {
            var group = groups[n * groups.Length / elevators.Count];
            return new MaintenancePlan
            {
                ElevatorId = id,
                GroupId = group.Id,
                WorkerId = group.MemberIds[n % group.MemberIds.Count],
                Mode = n is 0 or 3 ? MaintenanceMode.OnDemand : MaintenanceMode.FixedCycle,
                StartDate = today.AddDays(-(n % MaintenanceSchedule.HalfMonthlyDays)),
                UpdatedAtUtc = now,
            };
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Two 首页轮播 pictures for the mini-program's home page and 工作规范 for both maintenance companies (渝安's
    /// safety rules and rescue procedure, 两江's hand-over rule), so that each company reads only its own.
    /// </summary>
    private async Task AddHomeAndSpecificationsAsync(Company maintainer, Company otherMaintainer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var pictures = new[]
        {
            (Title: "安全乘梯 从我做起", Link: (string?)null, Picture: DemoPictures.BannerPng(0x1D5BD8, 0x12A3A3)),
            (Title: "困人救援 30 分钟到达", Link: "/pages/repairs/index", Picture: DemoPictures.BannerPng(0x12A3A3, 0x2E9D5B)),
        };
        var order = 0;
        foreach (var (title, link, picture) in pictures)
        {
            using var content = new MemoryStream(picture);
            var stored = await photos.SaveAsync("banner", content, cancellationToken);
            db.Banners.Add(new Banner { Title = title, Link = link, ImageStoredName = stored.StoredName, SortOrder = order += 10, UpdatedAtUtc = now });
        }
        db.WorkSpecifications.AddRange(
            new WorkSpecification
            {
                CompanyId = maintainer.Id,
                Title = "电梯维保作业安全规范",
                Body = """
                    一、作业前：两人以上同行，穿戴安全帽、绝缘鞋和安全带；在基站和作业层放置“维修中 禁止使用”警示牌。
                    二、进入轿顶：先确认轿厢位置，按下轿顶急停开关并切换至检修运行后方可进入。
                    三、进入底坑：打开层门前确认轿厢不在本层，进入前按下底坑急停开关，作业期间保持照明。
                    四、机房作业：断电后挂牌上锁，验电确认无电；盘车时须两人配合，一人盘车一人松闸。
                    五、作业结束：恢复所有开关，试运行正常后撤除警示牌，并在小程序中提交保养记录。
                    """,
                SortOrder = 10,
                UpdatedAtUtc = now,
            },
            new WorkSpecification
            {
                CompanyId = maintainer.Id,
                Title = "困人救援操作规程",
                Body = """
                    一、接警后立即与被困人员通话安抚，告知救援人员已出发，请勿强行扒门。
                    二、到达现场后确认轿厢位置，切断主电源，保留照明及通讯电源。
                    三、平层距离不超过 ±300 mm 时可直接用三角钥匙开门；否则在机房松闸盘车至平层后开门。
                    四、引导乘客有序离开轿厢，确认无人后关闭层门，并在小程序中记录到达、救出时间。
                    五、查明故障原因并排除后方可恢复运行，无法当场修复的应停梯并告知使用单位。
                    """,
                SortOrder = 20,
                UpdatedAtUtc = now,
            },
            new WorkSpecification
            {
                CompanyId = otherMaintainer.Id,
                Title = "维保班组交接班制度",
                Body = """
                    一、交班人应说明当班未完成的急修工单、保养工单及需跟进的电梯。
                    二、接班人核对工具、备件和钥匙，确认无误后在交接记录上签字。
                    """,
                SortOrder = 10,
                UpdatedAtUtc = now,
            });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A confirmed visit half a month ago for 渝安's first elevators, so that 保养查询, the 维保记录 tab and the QR
    /// page have something to show. Only into a demo database without any finished visit.
    /// </summary>
    public async Task SeedMaintenanceHistoryAsync(MaintenanceItems items, CancellationToken cancellationToken)
    {
        actor.SetSystem("system:demo-seed");
        if (await db.MaintenanceOrders.AnyAsync(o => o.State >= MaintenanceOrderState.Submitted, cancellationToken))
        {
            return;
        }
        var worker = await db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceWorker).Select(u => new { u.Id }).SingleOrDefaultAsync(cancellationToken);
        var wuye = await db.Users.Where(u => u.UserName == DemoAccounts.UserUnitManager || u.UserName == DemoAccounts.OtherUserUnitManager)
            .Select(u => new { u.Id, u.DisplayName, u.CompanyId }).ToListAsync(cancellationToken);
        if (worker is null)
        {
            return;
        }
        var elevators = await db.Elevators.Include(e => e.Community)
            .Where(e => e.MaintenanceCompany!.Name == "重庆渝安电梯工程有限公司")
            .OrderBy(e => e.Number).Take(6).ToListAsync(cancellationToken);
        var visitItems = await items.ForVisitAsync(MaintenanceKind.Traction, MaintenancePeriod.HalfMonthly, null, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var day = DateOnly.FromDateTime(clock.GetLocalNow().DateTime).AddDays(-MaintenanceSchedule.HalfMonthlyDays);
        var n = 0;
        foreach (var elevator in elevators)
        {
            var done = now.AddDays(-MaintenanceSchedule.HalfMonthlyDays).AddHours(-2 + n);
            var confirmer = wuye.FirstOrDefault(u => u.CompanyId == elevator.UserUnitId);
            var order = new MaintenanceOrder
            {
                Number = $"BYDEMO{++n:D4}",
                ElevatorId = elevator.Id,
                ScheduleKey = "DEMO",
                Mode = MaintenanceMode.FixedCycle,
                Period = MaintenancePeriod.HalfMonthly,
                DueOn = day,
                DueReason = "演示数据：上一次半月保养",
                State = confirmer is null ? MaintenanceOrderState.Submitted : MaintenanceOrderState.Confirmed,
                WorkerId = worker.Id,
                CreatedAtUtc = done.AddDays(-10),
                AssignedAtUtc = done.AddDays(-9),
                SignedInAtUtc = done.AddMinutes(-50),
                SignInLatitude = elevator.Community!.Latitude,
                SignInLongitude = elevator.Community.Longitude,
                SubmittedAtUtc = done,
                Notes = "各项正常",
                ConfirmedAtUtc = confirmer is null ? null : done.AddHours(3),
                ConfirmedById = confirmer?.Id,
                ConfirmedByName = confirmer?.DisplayName,
            };
            order.Items.AddRange(visitItems.Select(i => new MaintenanceOrderItem
            {
                Period = i.Period, Number = i.Number, Name = i.Name, Requirement = i.Requirement, NeedsPhoto = i.NeedsPhoto, Result = MaintenanceItemResult.Normal,
            }));
            db.MaintenanceOrders.Add(order);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly string[] WorkerPermissions =
    [
        Permissions.MonitorArea, Permissions.MonitorMap, Permissions.MonitorQuery, Permissions.MonitorRemoteCall,
        Permissions.RepairTasks, Permissions.RepairHandle, Permissions.MaintenanceQuery, Permissions.MaintenanceWork, Permissions.DeviceDebug,
    ];

    /// <summary>A worker who also takes alarms and reviews the team's orders (5级上报's 维保班组长 are the reviewers).</summary>
    private static readonly string[] LeaderPermissions =
    [
        .. WorkerPermissions, Permissions.MonitorRescue, Permissions.RepairAlarm, Permissions.RepairReview, Permissions.MaintenancePlanReview,
    ];

    /// <summary>调度: the office side of repairs and maintenance, without site work or administration.</summary>
    private static readonly string[] DispatcherPermissions =
    [
        Permissions.MonitorArea, Permissions.MonitorMap, Permissions.MonitorQuery, Permissions.MonitorRemoteCall, Permissions.MonitorRescue,
        Permissions.RepairTasks, Permissions.RepairAlarm, Permissions.RepairManualEntry, Permissions.MaintenancePlanReview,
        Permissions.MaintenancePlanEntry, Permissions.MaintenanceQuery, Permissions.ArchiveElevatorsView, Permissions.StatisticsMaintenance,
    ];

    private static readonly string[] SupervisorPermissions =
    [
        Permissions.MonitorArea, Permissions.MonitorMap, Permissions.MonitorQuery, Permissions.RepairTasks,
        Permissions.MaintenanceQuery, Permissions.StatisticsElevators, Permissions.StatisticsFaults,
        Permissions.StatisticsMaintenance, Permissions.StatisticsScreen, Permissions.StatisticsAnalysis,
        Permissions.ArchiveElevatorsView,
    ];

    private static readonly string[] UserUnitPermissions =
    [
        Permissions.MonitorArea, Permissions.MonitorMap, Permissions.MonitorQuery, Permissions.RepairTasks,
        Permissions.RepairManualEntry, Permissions.MaintenanceQuery, Permissions.StatisticsElevators,
        Permissions.StatisticsFaults, Permissions.ArchiveElevatorsView, Permissions.SystemLogs, Permissions.SystemSpecifications,
    ];

    private static Company Company(string name, CompanyKind kind, Region region)
    {
        var record = DemoStaff.Records[name];
        return new()
        {
            Name = name,
            Kind = kind,
            Region = region,
            Address = record.Address,
            ContactPerson = record.ContactPerson,
            ContactPhone = record.ContactPhone,
            CreditCode = record.CreditCode,
            UnitCategory = record.UnitCategory,
        };
    }

    private static MaintenanceGroup Group(Company company, string name, int leader, List<int> members) =>
        new() { CompanyId = company.Id, Name = name, LeaderId = leader, MemberIds = members };

    private static Role Role(string name, Company company, IEnumerable<string> permissions) =>
        new() { Name = name, Company = company, Permissions = [.. permissions] };

    private Task<int> AddPersonAsync(DemoStaff.Person person, Role role) => AddAccountAsync(person.UserName, person.DisplayName, role, person.Phone);

    private async Task<int> AddAccountAsync(string userName, string displayName, Role role, string? phone = null)
    {
        var account = new Account
        {
            UserName = userName,
            DisplayName = displayName,
            CompanyId = role.CompanyId,
            RoleId = role.Id,
            PhoneNumber = phone ?? DemoStaff.DemoAccountPhones.GetValueOrDefault(userName),
            Job = DemoStaff.Jobs.GetValueOrDefault(userName) ?? (role.Permissions.Contains(Permissions.MaintenanceWork) ? "维保工" : null),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        if (DemoStaff.Certificates.TryGetValue(userName, out var certificate))
        {
            account.Certificate = new OperatorCertificate
            {
                Number = certificate.Number,
                Category = DemoStaff.CertificateCategory,
                ExpiresOn = clock.Today().AddDays(certificate.ValidDays),
            };
        }
        var result = await users.CreateAsync(account, DemoAccounts.Password);
        if (!result.Succeeded)
        {
            throw new DomainException("demo.account", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        return account.Id;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data not seeded: the database already holds data")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data seeded: {Elevators} elevators, one account per role and two maintenance teams (password in README)")]
    private static partial void LogSeeded(ILogger logger, int elevators);
}
