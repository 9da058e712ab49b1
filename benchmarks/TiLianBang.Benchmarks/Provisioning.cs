using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Benchmarks;

/// <summary>Adds elevators with bound collectors until the installation has <c>count</c> of them.</summary>
internal static class Provisioning
{
    public static async Task EnsureCollectorsAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("benchmark");
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        var template = await db.Elevators.AsNoTracking().OrderBy(e => e.Id).FirstAsync();
        var maintainer = template.MaintenanceCompanyId!.Value;
        var existing = await db.Devices.CountAsync();
        for (var n = existing + 1; n <= count; n++)
        {
            var elevator = new Elevator
            {
                Number = $"ZB{n:D6}",
                Name = $"基准测试电梯 {n}",
                CommunityId = template.CommunityId,
                UserUnitId = template.UserUnitId,
                MaintenanceCompanyId = maintainer,
                Floors = 18,
                RatedSpeed = 1.75m,
                RatedLoad = 1000,
            };
            var deviceId = DemoDevices.DeviceIdFor(n);
            db.Elevators.Add(elevator);
            db.Devices.Add(new Device { DeviceId = deviceId, SecretHash = DeviceSecret.Hash(DemoDevices.SecretFor(deviceId)), CompanyId = maintainer, Elevator = elevator });
            if (n % 1000 == 0)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<DeviceDirectory>().LoadAsync(CancellationToken.None);
    }
}
