using TiLianBang.Core.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Monitoring;
using TiLianBang.Core.Organizations;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Monitoring;

namespace TiLianBang.Tests.Api;

/// <summary>
/// The mini-program's monitoring API (API-3) through the real HTTP pipeline, with real collectors over MQTT. In the demo
/// 渝安 (weibao) maintains CQnnnn when nnnn is not a multiple of 3, 两江 (weibao2) the others.
/// </summary>
public sealed class MonitoringApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private const string Base = "/api/v1/monitoring";

    private Task<HttpClient> WeibaoAsync() => app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

    private Task<HttpClient> OutsiderAsync() => app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);

    private Task<int> IdOfAsync(int index) =>
        app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == $"CQ{index:D4}").Select(e => e.Id).SingleAsync());

    /// <summary>A collector that has said <paramref name="state"/>; disposing it waits until the elevator is offline again.</summary>
    private async Task<Connected> ConnectAsync(int index, string state)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, index);
        var client = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var arrived = app.WaitForAsync(collector.ElevatorId, s => s.Online && s.HasState);
        await client.PublishAsync(collector.Topic("state"), state);
        await arrived;
        return new Connected(app, collector, client);
    }

    private sealed class Connected(TiLianBangAppFactory app, DemoCollector collector, IMqttClient client) : IAsyncDisposable
    {
        public DemoCollector Collector => collector;
        public IMqttClient Client => client;

        public async ValueTask DisposeAsync()
        {
            var offline = app.WaitForAsync(collector.ElevatorId, s => !s.Online);
            await client.DisconnectAsync();
            await offline;
            client.Dispose();
        }
    }

    /// <summary>On disposal stops a collector and waits until its elevator is offline, so the next test's counts start settled.</summary>
    private sealed class GoesOffline(TiLianBangAppFactory app, int elevatorId, Func<ValueTask> stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            var offline = app.WaitForAsync(elevatorId, s => !s.Online);
            await stop();
            await offline;
        }
    }

    private const string Stopped = """{"mode":1,"run":0,"dir":0,"floor":2,"door":2}""";

    [Fact]
    public async Task StatusCountsFollowTheCallersElevatorsAndTheirLiveState()
    {
        var weibao = await WeibaoAsync();
        var outsider = await OutsiderAsync();
        var (ownTotal, otherTotal, community, inCommunity) = await app.AsSystemAsync(async (_, db) =>
        {
            var own = db.Elevators.Where(e => e.MaintenanceCompany!.Name == DemoStaff.MaintenanceA);
            var someCommunity = await own.OrderBy(e => e.Number).Select(e => e.CommunityId).FirstAsync();
            return (await own.CountAsync(), await db.Elevators.CountAsync(e => e.MaintenanceCompany!.Name == DemoStaff.MaintenanceB),
                someCommunity, await own.CountAsync(e => e.CommunityId == someCommunity));
        });
        var before = await (await weibao.GetAsync($"{Base}/status-counts")).OkAsync<StatusCounts>();
        var otherBefore = await (await outsider.GetAsync($"{Base}/status-counts")).OkAsync<StatusCounts>();

        await using (await ConnectAsync(4, """{"mode":2,"run":0,"dir":0,"floor":3,"door":2}"""))
        {
            var during = await (await weibao.GetAsync($"{Base}/status-counts")).OkAsync<StatusCounts>();
            var otherDuring = await (await outsider.GetAsync($"{Base}/status-counts")).OkAsync<StatusCounts>();

            Assert.Equal(ownTotal, during.All);
            Assert.Equal(before.Online + 1, during.Online);
            Assert.Equal(before.Offline - 1, during.Offline);
            Assert.Equal(before.Inspection + 1, during.Inspection);
            Assert.Equal(before.Running, during.Running);
            Assert.Equal(otherBefore, otherDuring);
            Assert.Equal(otherTotal, otherDuring.All);
        }
        var after = await (await weibao.GetAsync($"{Base}/status-counts")).OkAsync<StatusCounts>();
        var ofCommunity = await (await weibao.GetAsync($"{Base}/status-counts?communityId={community}")).OkAsync<StatusCounts>();

        Assert.Equal(before, after);
        Assert.Equal(inCommunity, ofCommunity.All);
        Assert.True(inCommunity < ownTotal);
    }

    [Fact]
    public async Task TheElevatorListPagesFiltersAndSearchesWithinTheCallersScope()
    {
        var weibao = await WeibaoAsync();
        var own = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.MaintenanceCompany!.Name == DemoStaff.MaintenanceA)
            .Select(e => e.Number).ToListAsync());
        var ordered = own.Order(StringComparer.Ordinal).ToList();

        var first = await (await weibao.GetAsync($"{Base}/elevators?pageSize=5")).OkAsync<PagedList<MonitoredElevator>>();
        var second = await (await weibao.GetAsync($"{Base}/elevators?page=2&pageSize=5")).OkAsync<PagedList<MonitoredElevator>>();
        var searched = await (await weibao.GetAsync($"{Base}/elevators?search=CQ0008")).OkAsync<PagedList<MonitoredElevator>>();
        var foreign = await (await weibao.GetAsync($"{Base}/elevators?search=CQ0009")).OkAsync<PagedList<MonitoredElevator>>();

        Assert.Equal(own.Count, first.Total);
        Assert.Equal(ordered.Take(5), first.Items.Select(e => e.Number));
        Assert.Equal(ordered.Skip(5).Take(5), second.Items.Select(e => e.Number));
        Assert.Equal((2, 5), (second.Page, second.PageSize));
        Assert.Equal(["CQ0008"], searched.Items.Select(e => e.Number));
        Assert.Empty(foreign.Items);
        Assert.All(first.Items, e => Assert.Null(e.DistanceMeters));

        await using (await ConnectAsync(8, """{"mode":1,"run":1,"dir":1,"floor":4,"door":2}"""))
        {
            var running = await (await weibao.GetAsync($"{Base}/elevators?status=running")).OkAsync<PagedList<MonitoredElevator>>();

            var row = Assert.Single(running.Items);
            Assert.Equal("CQ0008", row.Number);
            Assert.Equal(ElevatorStatus.Running, row.Status);
            Assert.True(row.Online);
            Assert.Equal("4", row.FloorLabel);
        }
        var offline = await (await weibao.GetAsync($"{Base}/elevators?status=Offline&pageSize=100")).OkAsync<PagedList<MonitoredElevator>>();
        Assert.Equal(own.Count, offline.Total);
        Assert.All(offline.Items, e => Assert.False(e.Online));
    }

    [Fact]
    public async Task NearAPositionTheListHoldsOnlyElevatorsWithinTheRadiusNearestFirst()
    {
        var weibao = await WeibaoAsync();
        var rows = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.MaintenanceCompany!.Name == DemoStaff.MaintenanceA)
            .Select(e => new { e.Number, e.Community!.Latitude, e.Community.Longitude }).ToListAsync());
        var here = new GeoPoint(rows[0].Latitude + 0.001, rows[0].Longitude);
        var expected = rows
            .Select(r => (r.Number, Distance: Geofence.DistanceMeters(here, new GeoPoint(r.Latitude, r.Longitude))))
            .Where(r => r.Distance <= 3000)
            .OrderBy(r => r.Distance).ThenBy(r => r.Number, StringComparer.Ordinal)
            .ToList();
        var gcj = ChinaDatum.WgsToGcj(here);

        var near = await (await weibao.GetAsync($"{Base}/elevators?latitude={here.Latitude}&longitude={here.Longitude}&radius=3000&pageSize=100"))
            .OkAsync<PagedList<MonitoredElevator>>();
        var fromMap = await (await weibao.GetAsync($"{Base}/elevators?latitude={gcj.Latitude}&longitude={gcj.Longitude}&datum=gcj02&radius=3000&pageSize=100"))
            .OkAsync<PagedList<MonitoredElevator>>();

        Assert.True(expected.Count > 0 && expected.Count < rows.Count);
        Assert.Equal(expected.Select(e => e.Number), near.Items.Select(e => e.Number));
        Assert.Equal(expected.Count, near.Total);
        Assert.All(near.Items.Zip(expected), p => Assert.Equal(p.Second.Distance, p.First.DistanceMeters!.Value, 0.1));
        Assert.Equal(near.Items.Select(e => e.Number), fromMap.Items.Select(e => e.Number));
        Assert.Equal(111, fromMap.Items[0].DistanceMeters!.Value, 1.0);
        var position = near.Items[0].Position;
        Assert.Equal(rows[0].Latitude, position.Wgs84.Latitude, 6);
        Assert.Equal(ChinaDatum.WgsToGcj(new GeoPoint(rows[0].Latitude, rows[0].Longitude)).Longitude, position.Gcj02.Longitude, 6);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("latitude=95&longitude=106.5", "latitude")]
    [InlineData("latitude=29.6", "longitude")]
    [InlineData("longitude=106.5&latitude=29.6&longitude=200", null)]
    [InlineData("radius=1000", "latitude")]
    [InlineData("latitude=29.6&longitude=106.5&datum=bd09", "datum")]
    [InlineData("latitude=29.6&longitude=106.5&radius=50001", "radius")]
    [InlineData("latitude=29.6&longitude=106.5&radius=0", "radius")]
    [InlineData("status=Flying", "status")]
    [InlineData("status=3", "status")]
    [InlineData("search=CQ0000000000000000000000000000000000000000000000000000000000000000001", "search")]
    public async Task BadListQueriesAreRefusedNamingTheParameter(string query, string? field)
    {
        var weibao = await WeibaoAsync();

        var response = await weibao.GetAsync($"{Base}/elevators?{query}");

        var (_, fields) = await response.ProblemAsync(HttpStatusCode.BadRequest);
        if (field is not null)
        {
            Assert.Equal([field], fields);
        }
    }

    [Fact]
    public async Task WrongTypesAndMissingTokensAreRefused()
    {
        var weibao = await WeibaoAsync();
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await weibao.GetAsync($"{Base}/elevators?latitude=north&longitude=106.5")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await weibao.GetAsync($"{Base}/elevators?page=two")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await weibao.GetAsync($"{Base}/elevators/abc")).StatusCode);
        foreach (var path in new[] { "/status-counts", "/elevators", "/elevators/1", "/elevators/1/io", "/elevators/1/parameters", "/elevators/1/statistics", "/elevators/1/maintenance", "/elevators/1/faults" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Base + path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"{Base}/elevators/1/call", new RemoteCallRequest("car", 1, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"{Base}/elevators/1/parameters/read", null)).StatusCode);
    }

    [Fact]
    public async Task TheDetailShowsTheLiveStateWithFloorLabelsAndTheArchiveBasics()
    {
        // CQ0014 stands in 解放碑·时代大厦: 33 landings, the lowest two are the car park B2 and B1.
        var id = await IdOfAsync(14);
        var weibao = await WeibaoAsync();
        var archive = await app.AsSystemAsync((_, db) => db.Elevators.AsNoTracking()
            .Include(e => e.Community).Include(e => e.MaintenanceCompany).Include(e => e.UserUnit).SingleAsync(e => e.Id == id));
        var nextVisit = await app.AsSystemAsync((_, db) => db.MaintenanceOrders
            .Where(o => o.ElevatorId == id && o.State < MaintenanceOrderState.Submitted).OrderBy(o => o.DueOn).Select(o => (DateOnly?)o.DueOn).FirstOrDefaultAsync());

        var unknown = await (await weibao.GetAsync($"{Base}/elevators/{id}")).OkAsync<ElevatorMonitorDetail>();
        Assert.Equal(ElevatorStatus.Offline, unknown.Status);
        Assert.False(unknown.Live.HasState);
        Assert.Null(unknown.Live.FloorLabel);

        await using var device = await ConnectAsync(14,
            """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"zone":1,"people":1,"load":35,"calls":{"car":[1],"up":[2],"down":[33]}}""");
        var faulted = app.WaitForAsync(id, s => s.HasFault);
        await device.Client.PublishAsync(device.Collector.Topic("event"), """{"id":"m-door-1","code":2,"state":1,"floor":3}""");
        await faulted;

        var detail = await (await weibao.GetAsync($"{Base}/elevators/{id}")).OkAsync<ElevatorMonitorDetail>();

        Assert.Equal((archive.Number, archive.RegisterCode, archive.Brand, archive.Floors), (detail.Number, detail.RegisterCode, detail.Brand, detail.Floors));
        Assert.Equal(archive.Community!.Name, detail.Community.Name);
        Assert.Equal(archive.Community.Address, detail.Community.Address);
        Assert.Equal(archive.Community.Latitude, detail.Community.Position.Wgs84.Latitude, 6);
        Assert.Equal(archive.MaintenanceCompany!.Name, detail.MaintenanceCompany);
        Assert.Equal(archive.UserUnit!.Name, detail.UserUnit);
        Assert.Equal(archive.NextInspectionDate, detail.NextInspectionDate);
        Assert.Equal(nextVisit, detail.NextMaintenanceDate);
        Assert.Equal(33, detail.FloorLabels.Count);
        Assert.Equal(["B2", "B1", "1"], detail.FloorLabels.Take(3));
        Assert.Equal(ElevatorStatus.Fault, detail.Status);
        var live = detail.Live;
        Assert.True(live.Online && live.HasState);
        Assert.Equal((ServiceMode.Normal, 3, "1", DoorState.Open), (live.Mode, live.Floor!.Value, live.FloorLabel, live.Door));
        Assert.Equal((true, true, 35.0), (live.InDoorZone, live.PassengerInCar, live.LoadPercent));
        Assert.Equal(["B2"], live.Calls.Car);
        Assert.Equal(["B1"], live.Calls.Up);
        Assert.Equal(["31"], live.Calls.Down);
        var fault = Assert.Single(live.Faults);
        Assert.Equal(2, fault.Code);
        Assert.Equal("关门故障", fault.Name);
        Assert.NotNull(live.LastSeen);
    }

    [Fact]
    public async Task IoPointsCarryTheirNames()
    {
        var weibao = await WeibaoAsync();
        await using var device = await ConnectAsync(16, Stopped);
        var io = app.WaitForAsync(device.Collector.ElevatorId, s => s.IoAt is not null);
        await device.Client.PublishAsync(device.Collector.Topic("io"), """{"in":[1,0,1],"out":[0,1]}""");
        await io;

        var points = await (await weibao.GetAsync($"{Base}/elevators/{device.Collector.ElevatorId}/io")).OkAsync<ElevatorIo>();

        Assert.NotNull(points.At);
        Assert.Equal(["X0", "X1", "X2"], points.Inputs.Select(p => p.Code));
        Assert.Equal([true, false, true], points.Inputs.Select(p => p.On));
        Assert.Equal("运行信号", points.Inputs[0].Name);
        Assert.Equal(("Y1", "下行输出", true), (points.Outputs[1].Code, points.Outputs[1].Name, points.Outputs[1].On));
    }

    [Fact]
    public async Task ReadingParametersAsksTheControllerNamesTheValuesAndKeepsTheLastReading()
    {
        var weibao = await WeibaoAsync();
        var collector = await DemoCollector.OfElevatorAsync(app, 17);
        var before = await (await weibao.GetAsync($"{Base}/elevators/{collector.ElevatorId}/parameters")).OkAsync<ParameterReading>();
        var simulated = await app.StartSimulatorAsync(collector);
        await using var stop = new GoesOffline(app, collector.ElevatorId, simulated.DisposeAsync);

        var read = await (await weibao.PostAsync($"{Base}/elevators/{collector.ElevatorId}/parameters/read", null)).OkAsync<ParameterReading>();
        var last = await (await weibao.GetAsync($"{Base}/elevators/{collector.ElevatorId}/parameters")).OkAsync<ParameterReading>();

        Assert.Null(before.ReadAt);
        Assert.Empty(before.Values);
        var floors = Assert.Single(read.Values, v => v.Code == "F6-00");
        Assert.Equal("18", floors.Value);
        Assert.False(string.IsNullOrEmpty(floors.Name));
        Assert.Equal(app.Clock.GetUtcNow(), read.ReadAt);
        Assert.Equal(read.Values, last.Values);
        Assert.Equal(read.ReadAt, last.ReadAt);
        var logged = await app.AsSystemAsync((_, db) => db.OperationLogs.Where(l => l.Action == OperationAction.DeviceCommand && l.Target == $"Elevator#{collector.ElevatorId}").ToListAsync());
        var entry = Assert.Single(logged);
        Assert.Equal(DemoAccounts.MaintenanceManager, entry.UserName);
        Assert.StartsWith(DeviceOperation.ReadParams, entry.Summary);
    }

    [Fact]
    public async Task AnOfflineCollectorIsAProblemAndNothingIsSent()
    {
        var weibao = await WeibaoAsync();
        var id = await IdOfAsync(19);

        var read = await weibao.PostAsync($"{Base}/elevators/{id}/parameters/read", null);
        var call = await weibao.PostAsJsonAsync($"{Base}/elevators/{id}/call", new RemoteCallRequest("car", 2, null));

        Assert.Equal("device.offline", (await read.ProblemAsync(HttpStatusCode.Conflict)).Code);
        Assert.Equal("device.offline", (await call.ProblemAsync(HttpStatusCode.Conflict)).Code);
        Assert.Equal(0, app.Services.GetRequiredService<PendingCommands>().Count);
    }

    [Fact]
    public async Task ACollectorThatDoesNotAnswerTimesOut()
    {
        var weibao = await WeibaoAsync();
        var collector = await DemoCollector.OfElevatorAsync(app, 20);
        var silent = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await app.WaitForAsync(collector.ElevatorId, s => s.Online);
        await using var stop = new GoesOffline(app, collector.ElevatorId, async () =>
        {
            await silent.DisconnectAsync();
            silent.Dispose();
        });
        var received = await silent.ListenSilentlyAsync(collector);

        var pending = weibao.PostAsync($"{Base}/elevators/{collector.ElevatorId}/parameters/read", null);
        await received;
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal("device.timeout", (await response.ProblemAsync(HttpStatusCode.GatewayTimeout)).Code);
    }

    [Fact]
    public async Task ACallByFloorLabelReachesTheCollectorAndIsLoggedAsOnTheWeb()
    {
        // CQ0011 stands in 两江·悦府, whose lowest landing is the car park B1.
        var weibao = await WeibaoAsync();
        var collector = await DemoCollector.OfElevatorAsync(app, 11);
        var simulated = await app.StartSimulatorAsync(collector);
        await using var stop = new GoesOffline(app, collector.ElevatorId, simulated.DisposeAsync);

        var byLabel = await (await weibao.PostAsJsonAsync($"{Base}/elevators/{collector.ElevatorId}/call", new RemoteCallRequest("up", null, "b1")))
            .OkAsync<RemoteCallResponse>();
        var byIndex = await (await weibao.PostAsJsonAsync($"{Base}/elevators/{collector.ElevatorId}/call", new RemoteCallRequest("car", 3, null)))
            .OkAsync<RemoteCallResponse>();

        Assert.Equal((1, "B1", "up"), (byLabel.Floor, byLabel.FloorLabel, byLabel.Kind));
        Assert.Equal((3, "2"), (byIndex.Floor, byIndex.FloorLabel));
        var logged = await app.AsSystemAsync((_, db) => db.OperationLogs
            .Where(l => l.Action == OperationAction.DeviceCommand && l.Target == $"Elevator#{collector.ElevatorId}").OrderBy(l => l.Id).ToListAsync());
        Assert.Equal(2, logged.Count);
        Assert.All(logged, l => Assert.Equal(DemoAccounts.MaintenanceManager, l.UserName));
        Assert.Contains(byLabel.CommandId, logged[0].Summary);
        Assert.StartsWith($"{DeviceOperation.Call} → {CommandStatus.Succeeded}", logged[1].Summary);
    }

    public static TheoryData<RemoteCallRequest, string> BadCalls => new()
    {
        { new RemoteCallRequest("car", null, null), "floor" },
        { new RemoteCallRequest("car", 0, null), "floor" },
        { new RemoteCallRequest("car", 999, null), "floor" },
        { new RemoteCallRequest("car", 5, "3"), "floor" },
        { new RemoteCallRequest("car", null, "X9"), "floorLabel" },
        { new RemoteCallRequest("car", null, new string('1', 5000)), "floorLabel" },
        { new RemoteCallRequest("sideways", 2, null), "kind" },
        { new RemoteCallRequest(null, 2, null), "kind" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task BadCallsAreRefusedNamingTheFieldAndNothingIsSent(RemoteCallRequest request, string field)
    {
        var weibao = await WeibaoAsync();
        var id = await IdOfAsync(10);
        await using var device = await ConnectAsync(10, Stopped);
        var commands = 0;
        device.Client.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref commands);
            return Task.CompletedTask;
        };
        await device.Client.SubscribeAsync(device.Collector.Topic("cmd"));

        var response = await weibao.PostAsJsonAsync($"{Base}/elevators/{id}/call", request);

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).Fields);
        Assert.Equal(0, commands);
        Assert.False(await app.AsSystemAsync((_, db) => db.OperationLogs.AnyAsync(l => l.Action == OperationAction.DeviceCommand && l.Target == $"Elevator#{id}")));
    }

    [Fact]
    public async Task CallingNeedsTheRemoteCallPermission()
    {
        // 物业 (the user unit) watches its elevators but may not call them.
        var wuye = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        var id = await IdOfAsync(1);

        Assert.Equal(HttpStatusCode.OK, (await wuye.GetAsync($"{Base}/elevators/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await wuye.PostAsJsonAsync($"{Base}/elevators/{id}/call", new RemoteCallRequest("car", 2, null))).StatusCode);
    }

    [Fact]
    public async Task AnotherCompanysElevatorIsNotFoundEverywhereAndNothingIsSent()
    {
        var outsider = await OutsiderAsync();
        await using var device = await ConnectAsync(13, Stopped);
        var id = device.Collector.ElevatorId;
        var commands = 0;
        device.Client.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref commands);
            return Task.CompletedTask;
        };
        await device.Client.SubscribeAsync(device.Collector.Topic("cmd"));

        foreach (var path in new[] { "", "/io", "/parameters", "/statistics", "/maintenance", "/faults" })
        {
            var response = await outsider.GetAsync($"{Base}/elevators/{id}{path}");
            Assert.Equal("elevator.not_found", (await response.ProblemAsync(HttpStatusCode.NotFound)).Code);
        }
        var read = await outsider.PostAsync($"{Base}/elevators/{id}/parameters/read", null);
        var call = await outsider.PostAsJsonAsync($"{Base}/elevators/{id}/call", new RemoteCallRequest("car", 2, null));
        var badCall = await outsider.PostAsJsonAsync($"{Base}/elevators/{id}/call", new RemoteCallRequest("sideways", 999, null));
        var listed = await (await outsider.GetAsync($"{Base}/elevators?search=CQ0013")).OkAsync<PagedList<MonitoredElevator>>();

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, call.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badCall.StatusCode);
        Assert.Empty(listed.Items);
        Assert.Equal(0, commands);
        Assert.False(await app.AsSystemAsync((_, db) => db.OperationLogs.AnyAsync(l => l.Action == OperationAction.DeviceCommand && l.Target == $"Elevator#{id}")));
    }

    [Fact]
    public async Task StatisticsAreTheIncreaseOfTheCountersPerPeriod()
    {
        var weibao = await WeibaoAsync();
        var collector = await DemoCollector.OfElevatorAsync(app, 22);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.AsSystemAsync(async (_, db) =>
        {
            db.CounterReadings.AddRange(
                new CounterReading { DeviceId = collector.DeviceId, ElevatorId = collector.ElevatorId, Runs = 1000, RunHours = 10, DoorCycles = 2000, ReceivedAtUtc = now.AddHours(-30) },
                new CounterReading { DeviceId = collector.DeviceId, ElevatorId = collector.ElevatorId, Runs = 1130, RunHours = 12, DoorCycles = 2260, ReceivedAtUtc = now.AddMinutes(-1) });
            return await db.SaveChangesAsync();
        });

        var days = await (await weibao.GetAsync($"{Base}/elevators/{collector.ElevatorId}/statistics?grouping=Day&periods=7")).OkAsync<List<RunningPeriod>>();
        var months = await (await weibao.GetAsync($"{Base}/elevators/{collector.ElevatorId}/statistics?grouping=month")).OkAsync<List<RunningPeriod>>();

        Assert.Equal(7, days.Count);
        Assert.Equal(130, days.Sum(d => d.Runs));
        Assert.Equal(260, days.Sum(d => d.DoorCycles));
        Assert.Equal(12, months.Count);
        Assert.Equal(130, months.Sum(m => m.Runs));
        Assert.True(days.Zip(days.Skip(1)).All(p => p.First.Start < p.Second.Start));
    }

    [Theory]
    [InlineData("periods=0", "periods")]
    [InlineData("periods=367", "periods")]
    [InlineData("grouping=Year", "grouping")]
    [InlineData("grouping=1", "grouping")]
    public async Task BadStatisticsQueriesNameTheParameter(string query, string field)
    {
        var weibao = await WeibaoAsync();
        var id = await IdOfAsync(22);

        var response = await weibao.GetAsync($"{Base}/elevators/{id}/statistics?{query}");

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).Fields);
    }

    [Fact]
    public async Task MaintenanceRecordsArePagedNewestFirst()
    {
        var weibao = await WeibaoAsync();
        var id = await IdOfAsync(1);
        var expected = await app.AsSystemAsync((_, db) => db.MaintenanceOrders.Where(o => o.ElevatorId == id)
            .OrderByDescending(o => o.DueOn).ThenBy(o => o.Id).Select(o => o.Number).ToListAsync());

        var all = await (await weibao.GetAsync($"{Base}/elevators/{id}/maintenance?pageSize=100")).OkAsync<PagedList<ElevatorMaintenanceRecord>>();
        var one = await (await weibao.GetAsync($"{Base}/elevators/{id}/maintenance?pageSize=1&page=1")).OkAsync<PagedList<ElevatorMaintenanceRecord>>();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, all.Items.Select(o => o.Number));
        Assert.Equal(expected.Count, one.Total);
        Assert.Equal(expected[0], Assert.Single(one.Items).Number);
        var confirmed = Assert.Single(all.Items, o => o.Number.StartsWith("BYDEMO", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.Zero, confirmed.SubmittedAt!.Value.Offset);
        foreach (var (query, field) in new[] { ("pageSize=0", "pageSize"), ("pageSize=101", "pageSize"), ("page=0", "page") })
        {
            Assert.Equal([field], (await (await weibao.GetAsync($"{Base}/elevators/{id}/maintenance?{query}")).ProblemAsync(HttpStatusCode.BadRequest)).Fields);
            Assert.Equal([field], (await (await weibao.GetAsync($"{Base}/elevators/{id}/faults?{query}")).ProblemAsync(HttpStatusCode.BadRequest)).Fields);
        }
    }

    [Fact]
    public async Task FaultRecordsAreNewestFirstWithTheRepairOrderTheyLedTo()
    {
        var weibao = await WeibaoAsync();
        await using var device = await ConnectAsync(23, Stopped);
        var id = device.Collector.ElevatorId;
        var cleared = app.WaitForAsync(id, s => !s.HasFault);
        await device.Client.PublishAsync(device.Collector.Topic("event"), """{"id":"m-trap-1","code":11,"state":1,"floor":2}""");
        await device.Client.PublishAsync(device.Collector.Topic("event"), """{"id":"m-trap-2","code":11,"state":0,"floor":2}""");
        await cleared;
        await app.FlushDeviceRecordsAsync();
        var order = await WithinAsync(() => app.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.ElevatorId == id && o.FaultCode == 11)
            .Select(o => new { o.Id, o.Number }).SingleOrDefaultAsync()));

        var page = await (await weibao.GetAsync($"{Base}/elevators/{id}/faults?pageSize=1")).OkAsync<PagedList<ElevatorFaultRecord>>();
        var second = await (await weibao.GetAsync($"{Base}/elevators/{id}/faults?pageSize=1&page=2")).OkAsync<PagedList<ElevatorFaultRecord>>();

        Assert.Equal(2, page.Total);
        var clearing = Assert.Single(page.Items);
        Assert.False(clearing.Raised);
        Assert.Null(clearing.RepairOrder);
        var raising = Assert.Single(second.Items);
        Assert.True(raising.Raised);
        Assert.Equal((11, "困人", FaultKind.Fault, "2"), (raising.Code, raising.Name, raising.Kind, raising.FloorLabel));
        Assert.Equal((order.Id, order.Number), (raising.RepairOrder!.Id, raising.RepairOrder.Number));
    }

    /// <summary>Repair orders are made just after the event is stored, on the pipeline's own task: wait for one, with a deadline.</summary>
    private static async Task<T> WithinAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Yield();
        }
    }
}
