using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>The collector of one demo elevator, with the credentials a real one would have.</summary>
public sealed record DemoCollector(string DeviceId, string Secret, int ElevatorId)
{
    public static Task<DemoCollector> OfElevatorAsync(TiLianBangAppFactory app, int elevatorIndex) =>
        OfElevatorAsync(app.Services, elevatorIndex);

    public static async Task<DemoCollector> OfElevatorAsync(IServiceProvider services, int elevatorIndex)
    {
        var deviceId = DemoDevices.DeviceIdFor(elevatorIndex);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("test");
        var elevatorId = await scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>().Devices
            .Where(d => d.DeviceId == deviceId)
            .Select(d => d.ElevatorId!.Value)
            .SingleAsync();
        return new DemoCollector(deviceId, DemoDevices.SecretFor(deviceId), elevatorId);
    }

    public string Topic(string kind) => $"tlb/{DeviceId}/{kind}";
}
