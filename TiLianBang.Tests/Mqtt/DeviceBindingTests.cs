using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Elevators;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

/// <summary>DEV-4 and DEV-5: device debugging, registration, binding and floor maps.</summary>
public sealed class DeviceBindingTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    // Demo collectors 1, 2, 4, 5, 7 … belong to 重庆渝安 (weibao); 3, 6, 9 … to 重庆两江 (weibao2).
    private const string Owner = DemoAccounts.MaintenanceManager;

    [Fact]
    public async Task FindingADeviceShowsItsConnectionServerAndLatestRawMessages()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 16);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":4,"door":4}""");
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0}""");
        await device.PublishAsync(collector.Topic("info"), """{"fw":"2.1.0","imei":"860000000000016","heartbeat":30}""");
        await using var scope = await app.ScopeAsAsync(Owner);

        var byImei = await scope.ServiceProvider.GetRequiredService<DeviceAdministration>().FindAsync("860000000000016", default);

        Assert.Equal(collector.DeviceId, byImei.DeviceId);
        Assert.Equal(collector.ElevatorId, byImei.ElevatorId);
        Assert.True(byImei.Online);
        Assert.True(byImei.Connected);
        Assert.Equal(Environment.MachineName, byImei.Server);
        Assert.Equal("2.1.0", byImei.Firmware);
        Assert.Equal(2, byImei.Accepted);
        Assert.Equal(1, byImei.Rejected);
        Assert.Contains("info", byImei.LatestMessages[0].Topic);
        Assert.Contains("'dir' is required", byImei.LatestMessages[1].Rejection);
    }

    [Fact]
    public async Task AnotherCompanyCannotFindOrBindTheDevice()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 17);
        await using var scope = await app.ScopeAsAsync(DemoAccounts.UserUnitManager);
        var devices = scope.ServiceProvider.GetRequiredService<DeviceAdministration>();

        var find = await Assert.ThrowsAsync<DomainException>(() => devices.FindAsync(collector.DeviceId, default));
        var bind = await Assert.ThrowsAsync<DomainException>(() => devices.BindAsync(collector.DeviceId, collector.ElevatorId, 1, default));

        Assert.Equal(DomainErrorKind.NotFound, find.Kind);
        Assert.Equal(DomainErrorKind.NotFound, bind.Kind);
    }

    [Fact]
    public async Task RebindingSendsNewMessagesToTheNewElevatorAndLeavesHistoryWhereItWas()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 19);
        var target = await DemoCollector.OfElevatorAsync(app, 28);
        using (var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector))
        {
            await device.PublishAsync(collector.Topic("event"), """{"id":"e-before","code":3,"state":1}""");
        }
        await using (var scope = await app.ScopeAsAsync(Owner))
        {
            await scope.ServiceProvider.GetRequiredService<DeviceAdministration>().BindAsync(collector.DeviceId, target.ElevatorId, 2, default);
        }
        var moved = app.WaitForAsync(target.ElevatorId, s => s.DeviceId == collector.DeviceId && s.ActiveFaults.Contains(4));

        using (var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector))
        {
            await device.PublishAsync(collector.Topic("event"), """{"id":"e-after","code":4,"state":1}""");
            await moved;
        }

        await app.FlushDeviceRecordsAsync();
        var events = await app.AsSystemAsync((_, db) => db.ElevatorEvents.Where(e => e.DeviceId == collector.DeviceId).ToDictionaryAsync(e => e.EventId, e => e.ElevatorId));
        Assert.Equal(collector.ElevatorId, events["e-before"]);
        Assert.Equal(target.ElevatorId, events["e-after"]);
        var displaced = await app.AsSystemAsync((_, db) => db.Devices.SingleAsync(d => d.DeviceId == target.DeviceId));
        Assert.Null(displaced.ElevatorId);
        var bound = await app.AsSystemAsync((_, db) => db.Devices.SingleAsync(d => d.DeviceId == collector.DeviceId));
        Assert.Equal(2, bound.Channel);
    }

    [Fact]
    public async Task ARegisteredCollectorConnectsWithTheSecretShownOnce()
    {
        await using var scope = await app.ScopeAsAsync(Owner);
        var devices = scope.ServiceProvider.GetRequiredService<DeviceAdministration>();

        var registered = await devices.RegisterAsync("NEW-COLLECTOR-01", default);
        var (client, result) = await MqttTestClient.ConnectAsync(app.MqttPort, registered.DeviceId, registered.DeviceId, registered.Secret);
        client.Dispose();
        var again = await Assert.ThrowsAsync<DomainException>(() => devices.RegisterAsync("NEW-COLLECTOR-01", default));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => devices.RegisterAsync("bad id!", default));

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        Assert.Equal(DomainErrorKind.Conflict, again.Kind);
        Assert.Contains("DeviceId", invalid.Errors.Keys);
        var stored = await app.AsSystemAsync((_, db) => db.Devices.SingleAsync(d => d.DeviceId == "NEW-COLLECTOR-01"));
        Assert.DoesNotContain(registered.Secret, stored.SecretHash);
    }

    [Fact]
    public async Task FloorLabelsChangeWhatTheLiveStateShows()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 29);
        await using (var scope = await app.ScopeAsAsync(Owner))
        {
            await scope.ServiceProvider.GetRequiredService<ElevatorService>().SetFloorLabelsAsync(collector.ElevatorId, ["B1", "G", "1", "2", "3"], default);
        }
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var seen = app.WaitForAsync(collector.ElevatorId, s => s.Floor == 2);

        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":2,"door":4}""");

        Assert.Equal("G", (await seen).FloorLabel);
    }

    [Fact]
    public async Task BadFloorLabelsAreRefusedAndChangeNothing()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 32);
        await using var scope = await app.ScopeAsAsync(Owner);
        var elevators = scope.ServiceProvider.GetRequiredService<ElevatorService>();
        var before = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == collector.ElevatorId).Select(e => e.FloorLabels).SingleAsync());

        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => elevators.SetFloorLabelsAsync(collector.ElevatorId, ["1", "2", "2"], default));
        var empty = await Assert.ThrowsAsync<ValidationException>(() => elevators.SetFloorLabelsAsync(collector.ElevatorId, ["1", " "], default));

        Assert.Contains("重复", duplicate.Message);
        Assert.Contains("第 2 层", empty.Message);
        var after = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == collector.ElevatorId).Select(e => e.FloorLabels).SingleAsync());
        Assert.Equal(before, after);
    }
}
