using TiLianBang.Core.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Monitoring;
using TiLianBang.Core.Organizations;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Api;

/// <summary>地图监控 of the mini-program (API-4): the caller's communities near a point or by name, with their worst status.</summary>
public sealed class GisApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private const string Path = "/api/v1/gis/communities";

    private sealed record Expected(int Id, string Name, double Latitude, double Longitude, int Elevators);

    /// <summary>The communities of the given maintenance company's elevators, counted from the archive itself.</summary>
    private Task<List<Expected>> CommunitiesOfAsync(string maintainer) =>
        app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.MaintenanceCompany!.Name == maintainer)
            .GroupBy(e => new { e.CommunityId, e.Community!.Name, e.Community.Latitude, e.Community.Longitude })
            .Select(g => new Expected(g.Key.CommunityId, g.Key.Name, g.Key.Latitude, g.Key.Longitude, g.Count()))
            .ToListAsync());

    [Fact]
    public async Task CommunitiesNearAPointComeNearestFirstWithTheCallersElevatorCount()
    {
        var weibao = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var own = await CommunitiesOfAsync(DemoStaff.MaintenanceA);
        var jinkai = own.Single(c => c.Name == "金开·锦绣华庭");
        var here = new GeoPoint(jinkai.Latitude - 0.002, jinkai.Longitude + 0.001);
        var expected = own
            .Select(c => (c, Distance: Geofence.DistanceMeters(here, new GeoPoint(c.Latitude, c.Longitude))))
            .Where(c => c.Distance <= 5000)
            .OrderBy(c => c.Distance)
            .ToList();

        var near = await (await weibao.GetAsync($"{Path}?latitude={here.Latitude}&longitude={here.Longitude}")).OkAsync<PagedList<GisCommunity>>();

        Assert.True(expected.Count > 1 && expected.Count < own.Count, "the default 5 km should hold some communities, not all");
        Assert.Equal(expected.Select(e => e.c.Id), near.Items.Select(c => c.Id));
        Assert.Equal(expected.Count, near.Total);
        foreach (var (community, (want, distance)) in near.Items.Zip(expected))
        {
            Assert.Equal(want.Name, community.Name);
            Assert.Equal(want.Elevators, community.ElevatorCount);
            Assert.Equal(distance, community.DistanceMeters!.Value, 0.1);
            Assert.Equal(want.Latitude, community.Position.Wgs84.Latitude, 6);
            var gcj = ChinaDatum.WgsToGcj(new GeoPoint(want.Latitude, want.Longitude));
            Assert.Equal((gcj.Latitude, gcj.Longitude), (community.Position.Gcj02.Latitude, community.Position.Gcj02.Longitude));
        }
    }

    [Fact]
    public async Task APositionFromAChineseMapIsReadAsGcj02()
    {
        var weibao = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var own = await CommunitiesOfAsync(DemoStaff.MaintenanceA);
        var onMap = ChinaDatum.WgsToGcj(new GeoPoint(own[0].Latitude, own[0].Longitude));

        var asGcj = await (await weibao.GetAsync($"{Path}?latitude={onMap.Latitude}&longitude={onMap.Longitude}&datum=GCJ02&radius=100"))
            .OkAsync<PagedList<GisCommunity>>();
        var asWgs = await (await weibao.GetAsync($"{Path}?latitude={onMap.Latitude}&longitude={onMap.Longitude}&radius=100"))
            .OkAsync<PagedList<GisCommunity>>();

        var found = Assert.Single(asGcj.Items);
        Assert.Equal(own[0].Id, found.Id);
        Assert.True(found.DistanceMeters < 1);
        // Read as GPS, the same numbers lie a few hundred metres off: outside 100 m.
        Assert.Empty(asWgs.Items);
    }

    [Fact]
    public async Task TheWorstStatusOfACommunitysElevatorsWins()
    {
        var weibao = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var collector = await DemoCollector.OfElevatorAsync(app, 2);
        var community = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == collector.ElevatorId).Select(e => e.Community!.Name).SingleAsync());
        var before = await (await weibao.GetAsync($"{Path}?name={Uri.EscapeDataString(community)}")).OkAsync<PagedList<GisCommunity>>();

        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var running = app.WaitForAsync(collector.ElevatorId, s => s.HasState);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":1,"dir":1,"floor":2,"door":2}""");
        await running;
        var withOneRunning = await (await weibao.GetAsync($"{Path}?name={Uri.EscapeDataString(community)}")).OkAsync<PagedList<GisCommunity>>();
        var trapped = app.WaitForAsync(collector.ElevatorId, s => s.PassengersTrapped);
        await device.PublishAsync(collector.Topic("event"), """{"id":"gis-trap-1","code":11,"state":1,"floor":2}""");
        await trapped;
        var withTrapped = await (await weibao.GetAsync($"{Path}?name={Uri.EscapeDataString(community)}")).OkAsync<PagedList<GisCommunity>>();

        Assert.Equal(ElevatorStatus.Offline, Assert.Single(before.Items).WorstStatus);
        // The others have never been heard from: offline is worse than running.
        Assert.Equal(ElevatorStatus.Offline, Assert.Single(withOneRunning.Items).WorstStatus);
        Assert.Equal(ElevatorStatus.Trapped, Assert.Single(withTrapped.Items).WorstStatus);
        Assert.Null(Assert.Single(withTrapped.Items).DistanceMeters);
    }

    [Fact]
    public async Task EachCallerSeesOnlyTheCommunitiesOfTheirOwnElevators()
    {
        var outsider = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        var wuye = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        var theirs = await CommunitiesOfAsync(DemoStaff.MaintenanceB);
        var wuyeCommunities = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.UserUnit!.Name == "重庆山城物业服务有限公司")
            .Select(e => e.CommunityId).Distinct().ToListAsync());

        var listed = await (await outsider.GetAsync($"{Path}?pageSize=100")).OkAsync<PagedList<GisCommunity>>();
        var wuyeListed = await (await wuye.GetAsync($"{Path}?pageSize=100")).OkAsync<PagedList<GisCommunity>>();

        Assert.Equal(theirs.Select(c => (c.Id, c.Elevators)).Order(), listed.Items.Select(c => (c.Id, c.ElevatorCount)).Order());
        Assert.Equal(listed.Items.Select(c => c.Name).Order(StringComparer.Ordinal), listed.Items.Select(c => c.Name));
        Assert.Equal(wuyeCommunities.Order(), wuyeListed.Items.Select(c => c.Id).Order());
        Assert.True(wuyeCommunities.Count < theirs.Count);
    }

    [Fact]
    public async Task ANameSearchAndPagesNarrowTheList()
    {
        var weibao = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var own = (await CommunitiesOfAsync(DemoStaff.MaintenanceA)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

        var searched = await (await weibao.GetAsync($"{Path}?name={Uri.EscapeDataString("江")}")).OkAsync<PagedList<GisCommunity>>();
        var second = await (await weibao.GetAsync($"{Path}?page=2&pageSize=3")).OkAsync<PagedList<GisCommunity>>();
        var none = await (await weibao.GetAsync($"{Path}?name=nowhere")).OkAsync<PagedList<GisCommunity>>();

        Assert.Equal(own.Where(c => c.Name.Contains('江', StringComparison.Ordinal)).Select(c => c.Id), searched.Items.Select(c => c.Id));
        Assert.NotEmpty(searched.Items);
        Assert.Equal(own.Skip(3).Take(3).Select(c => c.Id), second.Items.Select(c => c.Id));
        Assert.Equal(own.Count, second.Total);
        Assert.Empty(none.Items);
        Assert.Equal(0, none.Total);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("latitude=29.6", "longitude")]
    [InlineData("longitude=106.5", "latitude")]
    [InlineData("latitude=-91&longitude=106.5", "latitude")]
    [InlineData("latitude=29.6&longitude=106.5&datum=baidu", "datum")]
    [InlineData("latitude=29.6&longitude=106.5&radius=50001", "radius")]
    [InlineData("latitude=29.6&longitude=106.5&radius=-5", "radius")]
    [InlineData("radius=100", "latitude")]
    [InlineData("name=01234567890123456789012345678901234567890123456789012345678901234", "name")]
    public async Task BadQueriesAreRefusedNamingTheParameter(string query, string field)
    {
        var weibao = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var response = await weibao.GetAsync($"{Path}?{query}");

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).Fields);
    }

    [Fact]
    public async Task WithoutATokenTheMapIsClosed()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password))
            .GetAsync($"{Path}?latitude=x&longitude=1")).StatusCode);
    }
}
