using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Organizations;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Demo;

public sealed class DemoSeedTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task StartupSeedsOneBelievableInstallation()
    {
        var (companies, kinds, elevators, communities, accounts) = await app.AsSystemAsync(async (_, db) => (
            await db.Companies.CountAsync(),
            await db.Companies.Select(c => c.Kind).Distinct().CountAsync(),
            await db.Elevators.CountAsync(),
            await db.Communities.ToListAsync(),
            await db.Users.Select(u => u.UserName).ToListAsync()));

        Assert.Equal(9, companies);
        Assert.Equal(Enum.GetValues<CompanyKind>().Length, kinds);
        Assert.Equal(DemoSeeder.ElevatorCount, elevators);
        Assert.All(communities, c =>
        {
            Assert.InRange(c.Latitude, 29.3, 29.9);
            Assert.InRange(c.Longitude, 106.2, 106.8);
        });
        Assert.Contains(DemoAccounts.Supervisor, accounts);
        Assert.Contains(DemoAccounts.PlatformAdmin, accounts);
    }

    [Fact]
    public async Task SeedingAgainChangesNothing()
    {
        var seededAgain = await app.AsSystemAsync((services, _) => services.GetRequiredService<DemoSeeder>().SeedAsync(default));

        var elevators = await app.AsSystemAsync((_, db) => db.Elevators.CountAsync());
        Assert.False(seededAgain);
        Assert.Equal(DemoSeeder.ElevatorCount, elevators);
    }

    [Fact]
    public async Task TheDemoHasMaintenancePlansComingVisitsAndSomeFinishedOnesOnce()
    {
        var (plans, pending, finished) = await app.AsSystemAsync(async (_, db) => (
            await db.MaintenancePlans.CountAsync(),
            await db.MaintenanceOrders.CountAsync(o => o.State == MaintenanceOrderState.Pending),
            await db.MaintenanceOrders.CountAsync(o => o.State >= MaintenanceOrderState.Submitted)));
        await app.AsSystemAsync(async (services, _) =>
        {
            await services.GetRequiredService<DemoSeeder>().SeedMaintenanceHistoryAsync(services.GetRequiredService<MaintenanceItems>(), default);
            return 0;
        });
        var finishedAfter = await app.AsSystemAsync((_, db) => db.MaintenanceOrders.CountAsync(o => o.State >= MaintenanceOrderState.Submitted));

        Assert.Equal(40, plans);
        Assert.True(pending >= plans);
        Assert.Equal(6, finished);
        Assert.Equal(finished, finishedAfter);
    }

    private const string CreditCodeCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>GB 32100-2015: the 18th character checks the first 17 (weights 3^i mod 31).</summary>
    private static bool IsValidCreditCode(string code)
    {
        if (!Regex.IsMatch(code, "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"))
        {
            return false;
        }
        var (sum, weight) = (0, 1);
        for (var i = 0; i < 17; i++, weight = weight * 3 % 31)
        {
            sum += CreditCodeCharacters.IndexOf(code[i], StringComparison.Ordinal) * weight;
        }
        return code[17] == CreditCodeCharacters[(31 - sum % 31) % 31];
    }

    [Fact]
    public async Task EveryCompanyHasACompleteRecord()
    {
        var companies = await app.AsSystemAsync((_, db) => db.Companies.AsNoTracking().ToListAsync());

        Assert.All(companies, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.ContactPerson), c.Name);
            Assert.Matches(@"^(1[3-9]\d{9}|0\d{2,3}-\d{7,8}|400-\d{3}-\d{4})$", c.ContactPhone);
            Assert.True(IsValidCreditCode(c.CreditCode!), $"{c.Name}: {c.CreditCode}");
            Assert.StartsWith("重庆市", c.Address, StringComparison.Ordinal);
        });
        Assert.All(companies.Where(c => c.Kind == CompanyKind.UserUnit), c => Assert.Equal("物业服务企业", c.UnitCategory));
        Assert.Equal(companies.Count, companies.Select(c => c.CreditCode).Distinct().Count());
    }

    [Fact]
    public async Task BothMaintenanceCompaniesHaveATeamLeaderWorkersAndGroupsOfTheirOwnPeople()
    {
        var maintainers = await app.AsSystemAsync((_, db) => db.Companies.AsNoTracking().Where(c => c.Kind == CompanyKind.MaintenanceCompany).ToListAsync());

        Assert.Equal(2, maintainers.Count);
        foreach (var company in maintainers)
        {
            var (workers, leaders, groups) = await app.AsSystemAsync(async (_, db) => (
                await db.WithPermission(company.Id, Permissions.MaintenanceWork).AsNoTracking().ToListAsync(),
                await db.WithPermission(company.Id, Permissions.RepairReview).AsNoTracking().Select(u => u.Id).ToListAsync(),
                await db.MaintenanceGroups.AsNoTracking().Where(g => g.CompanyId == company.Id).ToListAsync()));
            var people = workers.Select(w => w.Id).ToHashSet();
            // The manager (all permissions), the team leader and at least three workers.
            Assert.True(workers.Count >= 5, $"{company.Name}: {workers.Count} workers");
            Assert.All(workers, w => Assert.Matches(@"^1[3-9]\d{9}$", w.PhoneNumber));
            Assert.All(workers, w => Assert.InRange(w.DisplayName.Length, 2, 3));
            Assert.True(leaders.Count >= 2, $"{company.Name}: manager and team leader review");
            Assert.True(groups.Count >= 2, $"{company.Name}: {groups.Count} groups");
            Assert.All(groups, g =>
            {
                Assert.True(g.MemberIds.Count >= 2, g.Name);
                Assert.Contains(g.LeaderId!.Value, g.MemberIds);
                Assert.Subset(people, g.MemberIds.ToHashSet());
            });
        }
    }

    [Fact]
    public async Task EveryPlannedElevatorNamesAWorkerOfItsGroupInThePlanEntryList()
    {
        await using var scope = await app.ScopeAsAsync(DemoAccounts.MaintenanceManager);
        var rows = await scope.ServiceProvider.GetRequiredService<MaintenancePlanning>().PlansAsync(null, default);
        var groups = await app.AsSystemAsync((_, db) => db.MaintenanceGroups.AsNoTracking().ToDictionaryAsync(g => g.Id));

        var planned = rows.Where(r => r.PlanId is not null).ToList();
        Assert.NotEmpty(planned);
        Assert.All(planned, r =>
        {
            Assert.False(string.IsNullOrEmpty(r.WorkerName), r.ElevatorNumber);
            Assert.Contains(r.WorkerId!.Value, groups[r.GroupId!.Value].MemberIds);
        });
        Assert.True(planned.Select(r => r.WorkerId).Distinct().Count() >= 4, "the visits are shared among the team");
        Assert.Equal("渝北一组", planned.Single(r => r.ElevatorNumber == "CQ0002").GroupName);
    }
}
