using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

/// <summary>设备调试 over HTTP: counters and the latest raw messages with the reasons, for those allowed to see them.</summary>
public sealed class DeviceDiagnosticsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task DebugApiShowsCountsAndTheReasonOfEachRefusedMessage()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 11);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":3,"door":4}""");
        await device.PublishAsync(collector.Topic("event"), """{"id":"e-1","code":11,"state":"1"}""");
        await device.PublishAsync($"tlb/{DemoDevices.DeviceIdFor(12)}/state", "{}");
        using var api = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        using var status = await api.GetFromJsonAsync<JsonDocument>($"/api/v1/devices/{collector.DeviceId}");

        var root = status!.RootElement;
        Assert.Equal(collector.DeviceId, root.GetProperty("deviceId").GetString());
        Assert.True(root.GetProperty("connection").GetProperty("connected").GetBoolean());
        Assert.Equal(1, root.GetProperty("counters").GetProperty("rejected").GetInt64());
        Assert.Equal(1, root.GetProperty("counters").GetProperty("refused").GetInt64());
        var reasons = root.GetProperty("latestMessages").EnumerateArray().Select(m => m.GetProperty("rejection").GetString()).ToList();
        Assert.Contains(reasons, r => r?.Contains("'state' must be an integer", StringComparison.Ordinal) == true);
        Assert.Contains(reasons, r => r?.Contains("refused", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task DebugApiIsRefusedWithoutThePermissionAndHidesOtherCompaniesCollectors()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 11);
        using var manufacturer = await app.CreateApiClientAsync(DemoAccounts.ManufacturerManager, DemoAccounts.Password);
        using var otherMaintainer = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await manufacturer.GetAsync($"/api/v1/devices/{collector.DeviceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherMaintainer.GetAsync($"/api/v1/devices/{collector.DeviceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/devices/{collector.DeviceId}")).StatusCode);
    }
}
