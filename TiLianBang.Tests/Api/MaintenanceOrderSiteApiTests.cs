using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Settings;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Organizations;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Tests.Maintenance;

namespace TiLianBang.Tests.Api;

/// <summary>
/// MNT-6: a maintenance order tells the phone where its community is and how near the worker must be to 签到,
/// so the phone can show the distance before the tap (the server still decides).
/// </summary>
public sealed class MaintenanceOrderSiteApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task AnOrderCarriesItsCommunitysPositionAndTheSignInRadius()
    {
        var (elevatorId, site) = await app.ElevatorAsync(10);
        var worker = await app.AccountIdAsync(DemoAccounts.MaintenanceWorker);
        var today = app.Clock.Today();
        await app.PlanAsync(DemoAccounts.MaintenanceManager, new MaintenancePlanInput(elevatorId, null, worker, MaintenanceMode.FixedCycle, today));
        await app.GenerateAsync();
        var order = (await app.OrdersOfAsync(elevatorId)).First(o => o.DueOn == today);
        var radius = await app.AsSystemAsync(async (sp, _) => (await sp.GetRequiredService<SystemSettingsService>().GetAsync(default)).GeofenceRadiusMeters);

        using var api = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var details = await api.GetFromJsonAsync<JsonElement>($"/api/v1/maintenance/orders/{order.Id}");
        Assert.Equal(site.Latitude, details.GetProperty("communityLatitude").GetDouble(), 6);
        Assert.Equal(site.Longitude, details.GetProperty("communityLongitude").GetDouble(), 6);
        Assert.Equal(radius, details.GetProperty("signInRadiusMeters").GetDouble());
        Assert.Equal(Geofence.DefaultRadiusMeters, radius);
    }
}
