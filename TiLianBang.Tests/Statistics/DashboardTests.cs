using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Statistics;

namespace TiLianBang.Tests.Statistics;

/// <summary>后台主页's figures against the hand-dated orders of <see cref="StatisticsAppFactory"/>, per role.</summary>
public sealed class DashboardTests(StatisticsAppFactory app) : IClassFixture<StatisticsAppFactory>
{
    private static readonly string[] OfficePermissions =
    [
        Permissions.RepairTasks, Permissions.RepairAlarm, Permissions.MaintenanceQuery, Permissions.MaintenancePlanReview,
        Permissions.MaintenanceWork, Permissions.ArchiveElevatorsView, Permissions.SystemAccounts,
    ];

    private async Task<DashboardFigures> FiguresAsync(int accountId, int companyId, CompanyKind kind, Region? region, params string[] permissions)
    {
        await using var scope = app.ScopeAs(accountId, companyId, kind, region, permissions);
        return await scope.ServiceProvider.GetRequiredService<Dashboard>().FiguresAsync(default);
    }

    [Fact]
    public async Task MaintenanceCompanyCountsOnlyItsOwnElevatorsOrdersDatesAndPeople()
    {
        var data = await app.DataAsync();

        var figures = await FiguresAsync(1, data.MaintainerId, CompanyKind.MaintenanceCompany, null, OfficePermissions);

        Assert.False(figures.MineOnly);
        Assert.Equal(new RepairStateCounts(Created: 2, Accepted: 1, SignedIn: 1, Processing: 1, Submitted: 1, Approved: 0), figures.Repairs);
        Assert.Equal(new MaintenanceDueCounts(2, 1, StatisticsAppFactory.Today, StatisticsAppFactory.Today.AddDays(-7)), figures.Maintenance);
        Assert.Equal(new ArchiveExpiryCounts(Inspections: 2, Contracts: 1, WithinDays: 30), figures.Archive);
        Assert.Equal(new CertificateExpiryCounts(Expired: 1, Expiring: 2, WithinDays: 30), figures.Certificates);
    }

    [Fact]
    public async Task WorkerSeesOnlyTheOrdersAndVisitsAssignedToThem()
    {
        var data = await app.DataAsync();

        var figures = await FiguresAsync(data.WorkerId, data.MaintainerId, CompanyKind.MaintenanceCompany, null,
            Permissions.RepairTasks, Permissions.RepairHandle, Permissions.MaintenanceQuery, Permissions.MaintenanceWork);

        Assert.True(figures.MineOnly);
        Assert.Equal(new RepairStateCounts(0, 0, SignedIn: 1, Processing: 1, 0, 0), figures.Repairs);
        Assert.Equal(1, figures.Maintenance!.DueToday);
        Assert.Equal(1, figures.Maintenance.OverdueThisWeek);
        Assert.Null(figures.Archive);
        Assert.Null(figures.Certificates);
    }

    [Fact]
    public async Task SupervisorSeesTheElevatorsOfTheirRegionOnly()
    {
        var data = await app.DataAsync();

        var figures = await FiguresAsync(1, data.SupervisorId, CompanyKind.Supervisor, StatisticsAppFactory.TestRegion,
            Permissions.RepairTasks, Permissions.MaintenanceQuery, Permissions.ArchiveElevatorsView);

        Assert.Equal(new RepairStateCounts(2, 1, 1, 1, 1, 0), figures.Repairs);
        Assert.Equal(2, figures.Maintenance!.DueToday);
        Assert.Equal(new ArchiveExpiryCounts(2, 1, 30), figures.Archive);
        Assert.Null(figures.Certificates);
    }

    [Fact]
    public async Task PropertySeesTheOrdersOfItsOwnElevatorOnly()
    {
        var data = await app.DataAsync();

        var figures = await FiguresAsync(1, data.UserUnitId, CompanyKind.UserUnit, null,
            Permissions.RepairTasks, Permissions.MaintenanceQuery, Permissions.ArchiveElevatorsView);

        Assert.Equal(new RepairStateCounts(0, 0, 0, 0, Submitted: 1, 0), figures.Repairs);
        Assert.Equal(0, figures.Maintenance!.DueToday);
        Assert.Equal(new ArchiveExpiryCounts(0, 0, 30), figures.Archive);
    }

    [Fact]
    public async Task APersonSeesNoCardTheyHaveNoPermissionFor()
    {
        var data = await app.DataAsync();

        var figures = await FiguresAsync(1, data.MaintainerId, CompanyKind.MaintenanceCompany, null, Permissions.MonitorArea);

        Assert.Null(figures.Repairs);
        Assert.Null(figures.Maintenance);
        Assert.Null(figures.Archive);
        Assert.Null(figures.Certificates);
    }

    [Fact]
    public async Task ExpiryFigureListsExactlyTheElevatorsItCounts()
    {
        var data = await app.DataAsync();
        await using var scope = app.ScopeAs(1, data.MaintainerId, CompanyKind.MaintenanceCompany, null, Permissions.ArchiveElevatorsView);
        var elevators = scope.ServiceProvider.GetRequiredService<ElevatorService>();

        var inspections = await elevators.ListAsync(new ElevatorArchiveFilter(Expiring: ArchiveExpiry.Inspection), default);
        var contracts = await elevators.ListAsync(new ElevatorArchiveFilter(Expiring: ArchiveExpiry.Contract), default);

        Assert.Equal([data.ElevatorIds[0], data.ElevatorIds[2]], inspections.Select(e => e.Id).Order());
        Assert.Equal([data.ElevatorIds[0]], contracts.Select(e => e.Id));
    }
}
