using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Repairs;

namespace TiLianBang.Tests.Api;

/// <summary>API-5 and API-10: the mini-program's repair lists (categories, today, overdue), navigation, fault detail, my repairs.</summary>
public sealed class RepairApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    // Demo elevators 1, 2, 4, 5, 7 … are maintained by 渝安 (weibao, worker); 3, 6, 9 … by 两江 (weibao2).

    private async Task<(int ElevatorId, Community Community)> ElevatorAsync(int index) => await app.AsSystemAsync(async (_, db) =>
    {
        var number = $"CQ{index:D4}";
        var e = await db.Elevators.AsNoTracking().Include(x => x.Community).SingleAsync(x => x.Number == number);
        return (e.Id, e.Community!);
    });

    private async Task<int> RaiseAsync(int elevatorIndex, int faultCode, bool trapped)
    {
        var (elevatorId, _) = await ElevatorAsync(elevatorIndex);
        var (order, _) = await app.AsSystemAsync((services, _) =>
            services.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, faultCode, trapped, "测试故障", default));
        return order.Id;
    }

    /// <summary>Arranges an order as if it had been raised earlier.</summary>
    private Task<int> MoveCreatedAsync(int orderId, TimeSpan earlier) => app.AsSystemAsync(async (_, db) =>
    {
        var order = await db.RepairOrders.SingleAsync(o => o.Id == orderId);
        order.CreatedAtUtc -= earlier;
        return await db.SaveChangesAsync();
    });

    private static async Task<PagedList<RepairOrderSummary>> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PagedList<RepairOrderSummary>>(ApiJson.Options))!;
    }

    [Fact]
    public async Task CategoriesSplitOrdersIntoWaitingProcessingAndDone()
    {
        var waiting = await RaiseAsync(1, 2, trapped: false);
        var processing = await RaiseAsync(2, 2, trapped: false);
        var cancelled = await RaiseAsync(4, 2, trapped: false);
        var (_, site) = await ElevatorAsync(2);
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        using var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await worker.PostAsJsonAsync($"/api/v1/repairs/{processing}/accept",
            new RepairActionRequest(site.Latitude, site.Longitude, null, null, null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/v1/repairs/{cancelled}/cancel",
            new RepairActionRequest(null, null, null, null, null, "误报"))).StatusCode);

        var waitingPage = await PageAsync(manager, "/api/v1/repairs?category=waiting&pageSize=100");
        var processingPage = await PageAsync(manager, "/api/v1/repairs?category=processing&pageSize=100");
        var donePage = await PageAsync(manager, "/api/v1/repairs?category=Done&pageSize=100");
        var all = await PageAsync(manager, "/api/v1/repairs?pageSize=100");

        Assert.Contains(waitingPage.Items, o => o.Id == waiting);
        Assert.All(waitingPage.Items, o => Assert.Equal(RepairOrderState.Created, o.State));
        Assert.Contains(processingPage.Items, o => o.Id == processing);
        Assert.All(processingPage.Items, o => Assert.Contains(o.State, new[] { RepairOrderState.Accepted, RepairOrderState.SignedIn, RepairOrderState.Processing }));
        Assert.Contains(donePage.Items, o => o.Id == cancelled);
        Assert.All(donePage.Items, o => Assert.True(o.State >= RepairOrderState.Submitted));
        Assert.Equal(all.Total, waitingPage.Total + processingPage.Total + donePage.Total);
    }

    [Fact]
    public async Task ListIsPagedNewestFirstAndKeepsItsFilters()
    {
        var older = await RaiseAsync(5, 3, trapped: false);
        var newer = await RaiseAsync(5, 7, trapped: false);
        var (elevatorId, _) = await ElevatorAsync(5);
        using var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var first = await PageAsync(manager, $"/api/v1/repairs?elevatorId={elevatorId}&pageSize=1");
        var second = await PageAsync(manager, $"/api/v1/repairs?elevatorId={elevatorId}&pageSize=1&page=2");
        var searched = await PageAsync(manager, "/api/v1/repairs?search=CQ0005&state=Created");

        Assert.Equal(2, first.Total);
        Assert.Equal((newer, 1, 1), (Assert.Single(first.Items).Id, first.Page, first.PageSize));
        Assert.Equal(older, Assert.Single(second.Items).Id);
        Assert.Equal([newer, older], searched.Items.Select(o => o.Id));
    }

    [Fact]
    public async Task TodayAndADateSelectOrdersByTheDayTheyWereRaised()
    {
        var today = await RaiseAsync(7, 3, trapped: false);
        var earlier = await RaiseAsync(7, 4, trapped: false);
        await MoveCreatedAsync(earlier, TimeSpan.FromDays(3));
        var earlierDay = app.Clock.LocalDateOf(app.Clock.GetUtcNow().UtcDateTime.AddDays(-3));
        using var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var todays = await PageAsync(manager, "/api/v1/repairs?day=today&pageSize=100");
        var thatDay = await PageAsync(manager, $"/api/v1/repairs?day={earlierDay:yyyy-MM-dd}&pageSize=100");

        Assert.Contains(todays.Items, o => o.Id == today);
        Assert.DoesNotContain(todays.Items, o => o.Id == earlier);
        Assert.Contains(thatDay.Items, o => o.Id == earlier);
        Assert.DoesNotContain(thatDay.Items, o => o.Id == today);
    }

    [Fact]
    public async Task OverdueListsTrappedOrdersNobodyReachedWithinTheArrivalLimit()
    {
        var late = await RaiseAsync(8, DefaultFaultCodes.PassengersTrapped, trapped: true);
        var fresh = await RaiseAsync(10, DefaultFaultCodes.PassengersTrapped, trapped: true);
        var lateButNotTrapped = await RaiseAsync(11, 2, trapped: false);
        await MoveCreatedAsync(late, TimeSpan.FromHours(3));
        await MoveCreatedAsync(lateButNotTrapped, TimeSpan.FromHours(3));
        using var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var overdue = await PageAsync(manager, "/api/v1/repairs?overdue=true&pageSize=100");

        var now = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Contains(overdue.Items, o => o.Id == late);
        Assert.DoesNotContain(overdue.Items, o => o.Id == fresh);
        Assert.DoesNotContain(overdue.Items, o => o.Id == lateButNotTrapped);
        // The same rule as the 急修任务 page's 超时 badge.
        Assert.All(overdue.Items, o => Assert.True(o.IsOverdue(now)));
    }

    [Theory]
    [InlineData("category=urgent", "category")]
    [InlineData("day=yesterday", "day")]
    [InlineData("day=2026-13-01", "day")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task BadListParametersAreRefusedByName(string query, string field)
    {
        using var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var list = await manager.GetAsync($"/api/v1/repairs?{query}");
        var mine = await manager.GetAsync($"/api/v1/me/repairs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.True((await ErrorsAsync(list)).ContainsKey(field));
        Assert.Equal(HttpStatusCode.BadRequest, mine.StatusCode);
        Assert.True((await ErrorsAsync(mine)).ContainsKey(field));
    }

    [Fact]
    public async Task DetailCarriesTheNavigationTargetInBothDatums()
    {
        var id = await RaiseAsync(13, 2, trapped: false);
        var (_, community) = await ElevatorAsync(13);
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var detail = (await worker.GetFromJsonAsync<RepairOrderDetails>($"/api/v1/repairs/{id}", ApiJson.Options))!;

        var gcj = ChinaDatum.WgsToGcj(community.Location);
        Assert.Equal(community.Name, detail.Navigation!.CommunityName);
        Assert.Equal(community.Address, detail.Navigation.Address);
        Assert.Equal(new MapCoordinate(community.Latitude, community.Longitude), detail.Navigation.Position.Wgs84);
        Assert.Equal(new MapCoordinate(gcj.Latitude, gcj.Longitude), detail.Navigation.Position.Gcj02);
        Assert.NotEqual(detail.Navigation.Position.Wgs84, detail.Navigation.Position.Gcj02);
    }

    [Fact]
    public async Task FaultDetailNamesTheFaultWithAdviceAndShowsTheCollectorsEvents()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 14);
        using (var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector))
        {
            await device.PublishAsync(collector.Topic("event"), """{"id":"fd-1","code":41,"state":1,"floor":3}""");
            await device.PublishAsync(collector.Topic("event"), """{"id":"fd-2","code":11,"state":1,"floor":3}""");
        }
        await app.FlushDeviceRecordsAsync();
        var orderId = await app.AsSystemAsync((_, db) => db.RepairOrders
            .Where(o => o.ElevatorId == collector.ElevatorId && o.FaultCode == DefaultFaultCodes.PassengersTrapped).Select(o => o.Id).SingleAsync());
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        using var outsider = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);

        var response = await worker.GetAsync($"/api/v1/repairs/{orderId}/fault");
        var hidden = await outsider.GetAsync($"/api/v1/repairs/{orderId}/fault");
        var missing = await worker.GetAsync("/api/v1/repairs/987654/fault");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fault = (await response.Content.ReadFromJsonAsync<RepairFaultDetails>(ApiJson.Options))!;
        Assert.Equal(DefaultFaultCodes.PassengersTrapped, fault.FaultCode);
        Assert.Equal(DefaultFaultCodes.NameOf(DefaultFaultCodes.PassengersTrapped), fault.FaultName);
        Assert.False(string.IsNullOrEmpty(fault.Advice));
        Assert.True(fault.PassengersTrapped);
        Assert.Equal([41, DefaultFaultCodes.PassengersTrapped], fault.Events.Where(e => e.DeviceId == collector.DeviceId).Select(e => e.Code));
        var trapped = fault.Events.Single(e => e.Code == DefaultFaultCodes.PassengersTrapped);
        Assert.True(trapped.Raised);
        Assert.Equal(3, trapped.Floor);
        Assert.Equal(DefaultFaultCodes.NameOf(41), fault.Events.Single(e => e.Code == 41).Name);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AnotherCompanySeesNeitherTheOrdersInItsListNorTheirDetail()
    {
        var id = await RaiseAsync(16, 2, trapped: false);
        using var outsider = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        using var anonymous = app.CreateClient();

        var list = await PageAsync(outsider, "/api/v1/repairs?search=CQ0016");
        var detail = await outsider.GetAsync($"/api/v1/repairs/{id}");

        Assert.Equal(0, list.Total);
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/repairs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/repairs")).StatusCode);
    }

    [Fact]
    public async Task MyRepairsListsOnlyTheOrdersAssignedToMe()
    {
        var mine = await RaiseAsync(17, 2, trapped: false);
        var notMine = await RaiseAsync(19, 2, trapped: false);
        var (_, site) = await ElevatorAsync(17);
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        using var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await worker.PostAsJsonAsync($"/api/v1/repairs/{mine}/accept",
            new RepairActionRequest(site.Latitude, site.Longitude, null, null, null, null))).StatusCode);
        var workerId = await app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceWorker).Select(u => u.Id).SingleAsync());

        var processing = await PageAsync(worker, "/api/v1/me/repairs?category=processing");
        var waiting = await PageAsync(worker, "/api/v1/me/repairs?category=waiting");
        var managers = await PageAsync(manager, "/api/v1/me/repairs");

        Assert.Contains(processing.Items, o => o.Id == mine);
        Assert.All(processing.Items, o => Assert.Equal(workerId, o.AssignedWorkerId));
        Assert.DoesNotContain(waiting.Items, o => o.Id == mine || o.Id == notMine);
        Assert.DoesNotContain(managers.Items, o => o.Id == mine);
    }

    [Fact]
    public async Task TheMiniProgramListPutsOpenTrappedOrdersFirst()
    {
        var trapped = await RaiseAsync(20, 11, trapped: true);
        var later = await RaiseAsync(22, 2, trapped: false);
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var plain = await PageAsync(worker, "/api/v1/repairs?category=waiting&pageSize=100");
        var first = await PageAsync(worker, "/api/v1/repairs?category=waiting&trappedFirst=true&pageSize=100");

        Assert.True(plain.Items.ToList().FindIndex(o => o.Id == later) < plain.Items.ToList().FindIndex(o => o.Id == trapped));
        Assert.True(first.Items.ToList().FindIndex(o => o.Id == trapped) < first.Items.ToList().FindIndex(o => o.Id == later));
        var trappedCount = first.Items.Count(o => o.PassengersTrapped);
        Assert.All(first.Items.Take(trappedCount), o => Assert.True(o.PassengersTrapped));
        Assert.Equal(plain.Total, first.Total);
    }

    [Fact]
    public async Task TheFaultAttributesToChooseFromAndTheSiteRadiusReachThePhone()
    {
        var order = await RaiseAsync(23, 2, trapped: false);
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var attributes = await worker.GetFromJsonAsync<List<FaultAttributeItem>>("/api/v1/fault-attributes", ApiJson.Options);
        var details = await worker.GetFromJsonAsync<RepairOrderDetails>($"/api/v1/repairs/{order}", ApiJson.Options);
        using var anonymous = app.CreateClient();

        Assert.Contains(attributes!, a => a.Name == "门系统");
        Assert.Equal(1000, details!.GeofenceRadiusMeters);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/fault-attributes")).StatusCode);
    }

    private static async Task<Dictionary<string, JsonElement>> ErrorsAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
            : [];
    }
}
