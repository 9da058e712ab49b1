using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Organizations;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Maintenance;

/// <summary>Shared steps of the maintenance tests: demo elevators, plans entered as a person would, generation runs.</summary>
internal static class MaintenanceTestData
{
    public static Task<(int Id, GeoPoint Site)> ElevatorAsync(this TiLianBangAppFactory app, int index) => app.AsSystemAsync(async (_, db) =>
    {
        var number = $"CQ{index:D4}";
        var e = await db.Elevators.Include(x => x.Community).SingleAsync(x => x.Number == number);
        return (e.Id, e.Community!.Location);
    });

    public static Task<int> AccountIdAsync(this TiLianBangAppFactory app, string userName) =>
        app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public static async Task PlanAsync(this TiLianBangAppFactory app, string asUser, MaintenancePlanInput input)
    {
        await using var scope = await app.ScopeAsAsync(asUser);
        await scope.ServiceProvider.GetRequiredService<MaintenancePlanning>().SavePlanAsync(input, default);
    }

    public static Task<int> GenerateAsync(this TiLianBangAppFactory app) =>
        app.Services.GetRequiredService<MaintenanceJobs>().GenerateOrdersAsync(default);

    public static async Task<T> AsAsync<T>(this TiLianBangAppFactory app, string userName, Func<MaintenanceOrders, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await work(scope.ServiceProvider.GetRequiredService<MaintenanceOrders>());
    }

    public static Task<List<MaintenanceOrder>> OrdersOfAsync(this TiLianBangAppFactory app, int elevatorId) =>
        app.AsSystemAsync((_, db) => db.MaintenanceOrders.AsNoTracking().Include(o => o.Items)
            .Where(o => o.ElevatorId == elevatorId).OrderBy(o => o.DueOn).ToListAsync());

    /// <summary>Signs in on site, answers every item (photos where required) and submits, as the assigned worker.</summary>
    public static async Task CompleteAsync(this TiLianBangAppFactory app, string worker, int orderId, GeoPoint site)
    {
        await app.AsAsync(worker, async s => { await s.SignInAsync(orderId, site, default); return 0; });
        var items = await app.AsSystemAsync((_, db) => db.MaintenanceOrderItems.Where(i => i.MaintenanceOrderId == orderId).ToListAsync());
        await app.AsAsync(worker, async s =>
        {
            foreach (var item in items)
            {
                await s.RecordItemAsync(orderId, item.Id, MaintenanceItemResult.Normal, null, default);
                if (item.NeedsPhoto)
                {
                    await s.AddPhotoAsync(orderId, item.Id, new MemoryStream(TestImages.Jpeg), default);
                }
            }
            await s.SubmitAsync(orderId, "一切正常", default);
            return 0;
        });
    }
}

internal static class TestImages
{
    /// <summary>The first bytes of a JPEG are all the photo store looks at.</summary>
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];
}
