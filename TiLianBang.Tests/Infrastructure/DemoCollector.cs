using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Demo;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>The collector of one demo elevator, with the credentials a real one would have.</summary>
public sealed record DemoCollector(string DeviceId, string Secret, int ElevatorId)
{
    public static async Task<DemoCollector> OfElevatorAsync(TiLianBangAppFactory app, int elevatorIndex)
    {
        var deviceId = DemoDevices.DeviceIdFor(elevatorIndex);
        var elevatorId = await app.AsSystemAsync((_, db) => db.Devices.Where(d => d.DeviceId == deviceId).Select(d => d.ElevatorId!.Value).SingleAsync());
        return new DemoCollector(deviceId, DemoDevices.SecretFor(deviceId), elevatorId);
    }

    public string Topic(string kind) => $"tlb/{DeviceId}/{kind}";
}
