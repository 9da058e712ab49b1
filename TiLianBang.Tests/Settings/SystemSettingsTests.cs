using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Settings;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Tests.Maintenance;

namespace TiLianBang.Tests.Settings;

/// <summary>SYS-1: administrators change the working rules; bad values are refused whole; the rules take effect at once.</summary>
public sealed class SystemSettingsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<T> AsAsync<T>(string userName, Func<SystemSettingsService, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await work(scope.ServiceProvider.GetRequiredService<SystemSettingsService>());
    }

    private async Task<DomainException?> AcceptAsync(int orderId, GeoPoint at)
    {
        await using var scope = await app.ScopeAsAsync(DemoAccounts.MaintenanceWorker);
        try
        {
            await scope.ServiceProvider.GetRequiredService<RepairService>().ApplyAsync(orderId, RepairAction.Accept, new RepairActionInput { Position = at }, default);
            return null;
        }
        catch (DomainException e)
        {
            return e;
        }
    }

    [Fact]
    public async Task AWiderGeofenceLetsAWorkerAcceptFromFurtherAway()
    {
        var (elevatorId, site) = await app.ElevatorAsync(1);
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 3, false, "开门故障", default));
        var twoKilometresNorth = site with { Latitude = site.Latitude + 0.018 };

        Assert.Equal("repair.out_of_range", (await AcceptAsync(order.Id, twoKilometresNorth))?.Code);

        var settings = await AsAsync(DemoAccounts.PlatformAdmin, s => s.GetAsync(default));
        settings.GeofenceRadiusMeters = 3000;
        settings.WarningLeadDays = [7, 60, 7];
        await AsAsync(DemoAccounts.PlatformAdmin, async s => { await s.SaveAsync(settings, default); return 0; });

        Assert.Null(await AcceptAsync(order.Id, twoKilometresNorth));
        var stored = await AsAsync(DemoAccounts.PlatformAdmin, s => s.GetAsync(default));
        Assert.Equal([60, 7], stored.WarningLeadDays);
    }

    [Fact]
    public async Task BadValuesAreRefusedWholeAndOnlyAdministratorsMayChangeAnything()
    {
        var before = await AsAsync(DemoAccounts.PlatformAdmin, s => s.GetAsync(default));
        var bad = await AsAsync(DemoAccounts.PlatformAdmin, s => s.GetAsync(default));
        bad.OnDemandMaxIntervalDays = 120;
        bad.EscalationDefaultMinutes = [0, 10, 5, 20, 30];
        bad.GenerationHorizonDays = 14;

        var refused = await Assert.ThrowsAsync<ValidationException>(() => AsAsync(DemoAccounts.PlatformAdmin, async s => { await s.SaveAsync(bad, default); return 0; }));
        Assert.Contains("15–90", refused.Errors[nameof(SystemSettings.OnDemandMaxIntervalDays)]);
        Assert.Contains("逐级递增", refused.Errors[nameof(SystemSettings.EscalationDefaultMinutes)]);
        var after = await AsAsync(DemoAccounts.PlatformAdmin, s => s.GetAsync(default));
        Assert.Equal(before.GenerationHorizonDays, after.GenerationHorizonDays);
        Assert.Equal(before.EscalationDefaultMinutes, after.EscalationDefaultMinutes);

        var manager = await Assert.ThrowsAsync<DomainException>(() => AsAsync(DemoAccounts.MaintenanceManager, async s => { await s.SaveAsync(before, default); return 0; }));
        Assert.Equal("settings.forbidden", manager.Code);
    }
}
