using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Elevators;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Devices;

namespace TiLianBang.Tests.Api;

/// <summary>API-9 / DEV-5 设备调试: find a collector, see its connection and current data, bind and unbind it.</summary>
public sealed class DeviceApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    // Demo collectors 1, 2, 4, 5, 7 … belong to 重庆渝安 (weibao, worker); 3, 6, 9 … to 重庆两江 (weibao2).

    [Fact]
    public async Task CollectorInfoAndConnectionAreStoredAndShownAfterARestart()
    {
        var folder = Directory.CreateTempSubdirectory("tlb-device-info-").FullName;
        try
        {
            string deviceId;
            await using (var first = new TiLianBangAppFactory(folder))
            {
                var collector = await DemoCollector.OfElevatorAsync(first, 4);
                deviceId = collector.DeviceId;
                using var device = await MqttTestClient.ConnectAsync(first.MqttPort, collector);
                await device.PublishAsync(collector.Topic("info"),
                    """{"fw":"3.0.1","model":"JJ-200","imei":"861234567890004","iccid":"89860012345678901234","signal":23,"heartbeat":60}""");
                // 99 is CSQ's "not known": no reading, so the last one stays.
                await device.PublishAsync(collector.Topic("info"), """{"signal":99}""");
                await device.DisconnectAsync();
                var activities = first.Services.GetRequiredService<DeviceActivityRegistry>();
                await PollAsync(() => activities.Find(deviceId) is { Connected: false });
                await first.FlushDeviceRecordsAsync();
            }

            await using var second = new TiLianBangAppFactory(folder);
            Assert.Null(second.Services.GetRequiredService<DeviceActivityRegistry>().Find(deviceId));
            var row = await second.AsSystemAsync((_, db) => db.Devices.AsNoTracking().SingleAsync(d => d.DeviceId == deviceId));
            using var api = await second.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

            var detail = (await api.GetFromJsonAsync<DeviceDetail>("/api/v1/devices/861234567890004", ApiJson.Options))!;
            var found = (await api.GetFromJsonAsync<PagedList<DeviceSummary>>("/api/v1/devices?imei=4567890004", ApiJson.Options))!;

            Assert.Equal(("861234567890004", "3.0.1", "JJ-200", "89860012345678901234", 23), (row.Imei, row.Firmware, row.Model, row.Iccid, row.Signal));
            Assert.NotNull(row.InfoReceivedAtUtc);
            Assert.NotNull(row.LastConnectedAtUtc);
            Assert.NotNull(row.LastDisconnectedAtUtc);
            Assert.Equal(Environment.MachineName, row.LastServerNode);
            Assert.False(string.IsNullOrEmpty(row.LastRemoteEndpoint));
            Assert.Equal(deviceId, detail.DeviceId);
            Assert.Equal("861234567890004", detail.Imei);
            Assert.False(detail.Connection.Connected);
            Assert.False(detail.Connection.Online);
            Assert.Equal(("3.0.1", "JJ-200", "89860012345678901234", 23), (detail.Connection.Firmware, detail.Connection.Model, detail.Connection.Iccid, detail.Connection.Signal));
            Assert.Equal(row.LastServerNode, detail.Connection.ServerNode);
            Assert.Equal(row.LastRemoteEndpoint, detail.Connection.RemoteAddress);
            Assert.NotNull(detail.Connection.LastConnectedAt);
            Assert.Equal(detail.Connection.LastDisconnectedAt, detail.Connection.Since);
            Assert.Equal(deviceId, Assert.Single(found.Items).DeviceId);
            // A collector's own reports are not an operator's act: nothing about them in the operation log.
            var logged = await second.AsSystemAsync((_, db) => db.OperationLogs.CountAsync(l => l.Target == $"Device#{row.Id}" && l.UserName == "system:device-records"));
            Assert.Equal(0, logged);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void StoredFactsAreCutToTheirColumnsAndAbsurdSignalsAreIgnored()
    {
        var device = new Device { DeviceId = "d-1", SecretHash = "x", Firmware = "1.0", Signal = 20, Imei = "860000000000001" };
        var at = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

        new CollectorFacts("d-1", at) { Info = new InfoReport(new string('f', 100), "  ", null, new string('9', 40), 200, null) }.ApplyTo(device);
        var afterAbsurd = device.Signal;
        new CollectorFacts("d-1", at) { Info = new InfoReport(null, null, null, null, -7, null) }.ApplyTo(device);
        new CollectorFacts("d-1", at.AddMinutes(1)) { Connected = true, RemoteEndpoint = "10.0.0.1:" + new string('1', 100), ServerNode = "node-1" }.ApplyTo(device);
        new CollectorFacts("d-1", at.AddMinutes(2)) { Connected = false }.ApplyTo(device);

        Assert.Equal(new string('f', 64), device.Firmware);
        Assert.Null(device.Model);
        Assert.Equal("860000000000001", device.Imei);
        Assert.Equal(new string('9', 32), device.Iccid);
        Assert.Equal(20, afterAbsurd);
        Assert.Equal(20, device.Signal);
        Assert.Equal(at, device.InfoReceivedAtUtc);
        Assert.Equal(64, device.LastRemoteEndpoint!.Length);
        Assert.Equal("node-1", device.LastServerNode);
        Assert.Equal(at.AddMinutes(1), device.LastConnectedAtUtc);
        Assert.Equal(at.AddMinutes(2), device.LastDisconnectedAtUtc);
    }

    [Fact]
    public async Task DetailShowsTheLiveConnectionCurrentDataCountersAndRefusedMessages()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 5);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":6,"door":4}""");
        await device.PublishAsync(collector.Topic("io"), """{"in":[1,0,1],"out":[0,1]}""");
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0}""");
        await device.PublishAsync($"tlb/{DemoDevices.DeviceIdFor(7)}/state", "{}");
        await app.FlushDeviceRecordsAsync();
        using var api = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var detail = (await api.GetFromJsonAsync<DeviceDetail>($"/api/v1/devices/{collector.DeviceId}", ApiJson.Options))!;
        var label = new FloorMap(await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == collector.ElevatorId).Select(e => e.FloorLabels).SingleAsync()))
            .Label(6);

        Assert.Equal(collector.ElevatorId, detail.Elevator!.Id);
        Assert.Equal("CQ0005", detail.Elevator.Number);
        Assert.True(detail.Connection.Connected);
        Assert.True(detail.Connection.Online);
        Assert.NotNull(detail.Connection.Since);
        Assert.Equal(Environment.MachineName, detail.Connection.ServerNode);
        Assert.False(string.IsNullOrEmpty(detail.Connection.RemoteAddress));
        Assert.NotNull(detail.Connection.LastConnectedAt);
        Assert.Equal(DeviceActivity.DefaultHeartbeatSeconds, detail.Connection.HeartbeatSeconds);
        Assert.True(detail.Current!.Live.Online && detail.Current.Live.HasState);
        Assert.Equal((6, label, DoorState.Open), (detail.Current.Live.Floor, detail.Current.Live.FloorLabel, detail.Current.Live.Door));
        // The state part is the monitoring detail's live view, value for value.
        var raw = await api.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{collector.DeviceId}");
        var monitored = await api.GetFromJsonAsync<JsonElement>($"/api/v1/monitoring/elevators/{collector.ElevatorId}");
        Assert.Equal(monitored.GetProperty("live").GetRawText(), raw.GetProperty("current").GetProperty("live").GetRawText());
        Assert.Equal([true, false, true], detail.Current.Inputs);
        Assert.Equal([false, true], detail.Current.Outputs);
        Assert.Equal(new DeviceCounters(2, 1, 1), detail.Counters);
        Assert.Contains(detail.LatestMessages, m => m.Rejection?.Contains("'dir' is required", StringComparison.Ordinal) == true);
        Assert.Contains(detail.LatestMessages, m => m.Rejection?.Contains("refused", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task SearchFindsTheCompanysCollectorsByElevatorNumberAPageAtATime()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 13);
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        using var other = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        var own = await app.AsSystemAsync((_, db) => db.Devices
            .Where(d => d.CompanyId == db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceWorker).Select(u => u.CompanyId).Single()
                && d.Elevator!.Number.Contains("CQ001"))
            .Select(d => d.DeviceId).ToListAsync());

        var exact = (await worker.GetFromJsonAsync<PagedList<DeviceSummary>>("/api/v1/devices?elevatorNumber=CQ0013", ApiJson.Options))!;
        var first = (await worker.GetFromJsonAsync<PagedList<DeviceSummary>>("/api/v1/devices?elevatorNumber=CQ001&pageSize=2", ApiJson.Options))!;
        var second = (await worker.GetFromJsonAsync<PagedList<DeviceSummary>>("/api/v1/devices?elevatorNumber=CQ001&pageSize=2&page=2", ApiJson.Options))!;
        var hidden = (await other.GetFromJsonAsync<PagedList<DeviceSummary>>("/api/v1/devices?elevatorNumber=CQ0013", ApiJson.Options))!;
        var byDeviceId = (await worker.GetFromJsonAsync<PagedList<DeviceSummary>>($"/api/v1/devices?deviceId={collector.DeviceId}", ApiJson.Options))!;

        Assert.Equal(collector.DeviceId, exact.Items[0].DeviceId);
        Assert.Equal("CQ0013", exact.Items[0].ElevatorNumber);
        Assert.Equal(own.Count, first.Total);
        Assert.True(own.Count > 4);
        Assert.Equal(2, first.Items.Count);
        Assert.Equal((2, 2), (second.Page, second.Items.Count));
        Assert.Empty(first.Items.Select(i => i.DeviceId).Intersect(second.Items.Select(i => i.DeviceId)));
        Assert.All(first.Items.Concat(second.Items), i => Assert.Contains(i.DeviceId, own));
        Assert.Equal(0, hidden.Total);
        Assert.Empty(hidden.Items);
        Assert.Equal(collector.DeviceId, Assert.Single(byDeviceId.Items).DeviceId);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task SearchRefusesPagesOutOfBoundsNamingTheParameter(string query, string field)
    {
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var response = await worker.GetAsync($"/api/v1/devices?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ErrorsAsync(response)).ContainsKey(field));
    }

    [Fact]
    public async Task OthersCannotSeeOrTouchTheCollector()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 14);
        using var userUnit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        using var otherMaintainer = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        using var anonymous = app.CreateClient();
        var binding = new DeviceBindingRequest(collector.ElevatorId, 3);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"/api/v1/devices/{collector.DeviceId}/binding", binding)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await userUnit.GetAsync("/api/v1/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await userUnit.DeleteAsync($"/api/v1/devices/{collector.DeviceId}/binding")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherMaintainer.GetAsync($"/api/v1/devices/{collector.DeviceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherMaintainer.PutAsJsonAsync($"/api/v1/devices/{collector.DeviceId}/binding", binding)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherMaintainer.DeleteAsync($"/api/v1/devices/{collector.DeviceId}/binding")).StatusCode);
        Assert.Equal((collector.ElevatorId, 1), await BindingOfAsync(collector.DeviceId));
    }

    [Fact]
    public async Task BindingMovesTheCollectorToAnotherElevatorAndChannelAndUnbindingFreesIt()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 16);
        var replaced = await DemoCollector.OfElevatorAsync(app, 17);
        var foreignElevator = (await DemoCollector.OfElevatorAsync(app, 18)).ElevatorId;
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var before = await app.AsSystemAsync((_, db) => db.OperationLogs.CountAsync(l => l.Target!.StartsWith("Device#")));

        var foreign = await worker.PutAsJsonAsync($"/api/v1/devices/{collector.DeviceId}/binding", new DeviceBindingRequest(foreignElevator, 1));
        var unchangedAfterRefusal = await BindingOfAsync(collector.DeviceId);
        var bound = await worker.PutAsJsonAsync($"/api/v1/devices/{collector.DeviceId}/binding", new DeviceBindingRequest(replaced.ElevatorId, 2));
        var detail = (await bound.Content.ReadFromJsonAsync<DeviceDetail>(ApiJson.Options))!;
        var afterBinding = await BindingOfAsync(collector.DeviceId);
        var displaced = await BindingOfAsync(replaced.DeviceId);
        var unbound = await worker.DeleteAsync($"/api/v1/devices/{collector.DeviceId}/binding");
        var afterUnbinding = await BindingOfAsync(collector.DeviceId);
        var logged = await app.AsSystemAsync((_, db) => db.OperationLogs.CountAsync(l => l.Target!.StartsWith("Device#")));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal((collector.ElevatorId, 1), unchangedAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        Assert.Equal((replaced.ElevatorId, 2), (detail.Elevator!.Id, detail.Channel));
        Assert.Equal((replaced.ElevatorId, 2), afterBinding);
        Assert.Null(displaced.ElevatorId);
        Assert.Equal(HttpStatusCode.NoContent, unbound.StatusCode);
        Assert.Null(afterUnbinding.ElevatorId);
        // Binding wrote two rows (the collector and the one it replaced), unbinding one.
        Assert.Equal(before + 3, logged);
    }

    [Fact]
    public async Task BindingRefusesMissingOrBadFieldsNamingEachAndChangesNothing()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 19);
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var missing = await worker.PutAsJsonAsync($"/api/v1/devices/{collector.DeviceId}/binding", new DeviceBindingRequest(null, null));
        var badChannel = await worker.PutAsJsonAsync($"/api/v1/devices/{collector.DeviceId}/binding", new DeviceBindingRequest(collector.ElevatorId, 0));
        var hugeChannel = await worker.PutAsJsonAsync($"/api/v1/devices/{collector.DeviceId}/binding", new DeviceBindingRequest(collector.ElevatorId, int.MaxValue));
        var wrongType = await worker.PutAsync($"/api/v1/devices/{collector.DeviceId}/binding",
            new StringContent("""{"elevatorId":"abc","channel":1}""", System.Text.Encoding.UTF8, "application/json"));
        var unknownDevice = await worker.PutAsJsonAsync("/api/v1/devices/no-such-device/binding", new DeviceBindingRequest(collector.ElevatorId, 1));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["channel", "elevatorId"], (await ErrorsAsync(missing)).Keys.Order());
        Assert.Equal(HttpStatusCode.BadRequest, badChannel.StatusCode);
        Assert.Equal(["channel"], (await ErrorsAsync(badChannel)).Keys);
        Assert.Equal(HttpStatusCode.BadRequest, hugeChannel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownDevice.StatusCode);
        Assert.Equal((collector.ElevatorId, 1), await BindingOfAsync(collector.DeviceId));
    }

    private Task<(int? ElevatorId, int Channel)> BindingOfAsync(string deviceId) =>
        app.AsSystemAsync(async (_, db) =>
        {
            var row = await db.Devices.AsNoTracking().SingleAsync(d => d.DeviceId == deviceId);
            return (row.ElevatorId, row.Channel);
        });

    private static async Task<Dictionary<string, JsonElement>> ErrorsAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
            : [];
    }

    /// <summary>Waits for real I/O (a socket closing) with a deadline.</summary>
    private static async Task PollAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
