using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Tests.Maintenance;
using TiLianBang.Web.Features.Maintenance;

namespace TiLianBang.Tests.Api;

/// <summary>API-6 and API-10: maintenance orders a page at a time by 今日 / 逾期 / 已完成 and state; my maintenance.</summary>
public sealed class MaintenanceApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    // Demo elevators 1, 2, 4, 5, 7 … are maintained by 渝安 (weibao, worker); 3, 6, 9 … by 两江 (weibao2).

    // xunit makes a test class per test; the arrangement is made once per app (the class fixture).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TiLianBangAppFactory, Lazy<Task<Orders>>> Arranged = [];

    private sealed record Orders(int Today, int Overdue, int Done, int Unassigned);

    private Task<Orders> ArrangeAsync() => Arranged.GetValue(app, a => new Lazy<Task<Orders>>(() => ArrangeOnceAsync(a))).Value;

    /// <summary>
    /// Visits due today on four elevators: one assigned to the worker, one assigned and moved before today (overdue),
    /// one assigned and submitted (done), and one 计划审核 has not assigned yet.
    /// </summary>
    private static async Task<Orders> ArrangeOnceAsync(TiLianBangAppFactory app)
    {
        var worker = await app.AccountIdAsync(DemoAccounts.MaintenanceWorker);
        var today = app.Clock.Today();
        int[] elevators = [4, 5, 7, 8];
        foreach (var index in elevators)
        {
            var (elevatorId, _) = await app.ElevatorAsync(index);
            await app.PlanAsync(DemoAccounts.MaintenanceManager, new MaintenancePlanInput(elevatorId, null, worker, MaintenanceMode.FixedCycle, today));
        }
        await app.GenerateAsync();
        var ids = new List<int>();
        foreach (var index in elevators)
        {
            var (elevatorId, _) = await app.ElevatorAsync(index);
            ids.Add((await app.OrdersOfAsync(elevatorId)).Single(o => o.DueOn == today).Id);
        }
        var assigned = ids.Take(3).ToList();
        await app.AsSystemAsync(async (_, db) =>
        {
            var orders = await db.MaintenanceOrders.Where(o => assigned.Contains(o.Id)).ToListAsync();
            foreach (var order in orders)
            {
                order.State = MaintenanceOrderState.Assigned;
                order.WorkerId = worker;
            }
            orders.Single(o => o.Id == ids[2]).DueOn = today.AddDays(-3);
            return await db.SaveChangesAsync();
        });
        var (_, site) = await app.ElevatorAsync(5);
        await app.CompleteAsync(DemoAccounts.MaintenanceWorker, ids[1], site);
        return new Orders(ids[0], ids[2], ids[1], ids[3]);
    }

    private static async Task<PagedList<MaintenanceOrderSummary>> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PagedList<MaintenanceOrderSummary>>(ApiJson.Options))!;
    }

    [Fact]
    public async Task CategoriesSplitTheListIntoTodayOverdueAndDone()
    {
        var orders = await ArrangeAsync();
        var today = app.Clock.Today();
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var todays = await PageAsync(office, "/api/v1/maintenance/orders?category=today&pageSize=100");
        var overdue = await PageAsync(office, "/api/v1/maintenance/orders?category=overdue&pageSize=100");
        var done = await PageAsync(office, "/api/v1/maintenance/orders?category=done&pageSize=100");

        Assert.Contains(todays.Items, o => o.Id == orders.Today);
        Assert.DoesNotContain(todays.Items, o => o.Id == orders.Done || o.Id == orders.Overdue);
        Assert.All(todays.Items, o => Assert.True(o.DueOn == today && o.State < MaintenanceOrderState.Submitted));
        Assert.Equal([orders.Overdue], overdue.Items.Where(o => o.Id == orders.Overdue).Select(o => o.Id));
        Assert.All(overdue.Items, o => Assert.True(o.Overdue));
        Assert.Contains(done.Items, o => o.Id == orders.Done);
        Assert.All(done.Items, o => Assert.True(o.State >= MaintenanceOrderState.Submitted));
    }

    [Fact]
    public async Task TheStateFilterAndPagingWorkTogether()
    {
        var orders = await ArrangeAsync();
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var assigned = await PageAsync(office, "/api/v1/maintenance/orders?state=Assigned&pageSize=100");
        var first = await PageAsync(office, "/api/v1/maintenance/orders?state=Assigned&pageSize=1");
        var second = await PageAsync(office, "/api/v1/maintenance/orders?state=Assigned&pageSize=1&page=2");

        Assert.Contains(assigned.Items, o => o.Id == orders.Today);
        Assert.DoesNotContain(assigned.Items, o => o.Id == orders.Done);
        Assert.All(assigned.Items, o => Assert.Equal(MaintenanceOrderState.Assigned, o.State));
        Assert.Equal(assigned.Total, first.Total);
        Assert.Equal(assigned.Items.Take(2).Select(o => o.Id), first.Items.Concat(second.Items).Select(o => o.Id));
    }

    [Fact]
    public async Task MyMaintenanceListsTheWorkersAssignedVisitsByCategory()
    {
        var orders = await ArrangeAsync();
        var worker = await app.AccountIdAsync(DemoAccounts.MaintenanceWorker);
        using var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        using var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var all = await PageAsync(client, "/api/v1/me/maintenance?pageSize=100");
        var todays = await PageAsync(client, "/api/v1/me/maintenance?category=today");
        var overdue = await PageAsync(client, "/api/v1/me/maintenance?category=overdue");
        var done = await PageAsync(client, "/api/v1/me/maintenance?category=done&state=Submitted");
        var managers = await PageAsync(manager, "/api/v1/me/maintenance?pageSize=100");

        Assert.All(all.Items, o => Assert.Equal(worker, o.WorkerId));
        Assert.DoesNotContain(all.Items, o => o.Id == orders.Unassigned || o.State == MaintenanceOrderState.Pending);
        Assert.Equal([orders.Today], todays.Items.Select(o => o.Id));
        Assert.Equal([orders.Overdue], overdue.Items.Select(o => o.Id));
        Assert.Equal([orders.Done], done.Items.Select(o => o.Id));
        Assert.DoesNotContain(managers.Items, o => o.Id == orders.Today || o.Id == orders.Done);
    }

    [Theory]
    [InlineData("category=tomorrow", "category")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task BadListParametersAreRefusedByName(string query, string field)
    {
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        foreach (var url in new[] { $"/api/v1/maintenance/orders?{query}", $"/api/v1/me/maintenance?{query}" })
        {
            var response = await worker.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
        }
    }

    [Fact]
    public async Task AnotherCompanyDoesNotSeeTheVisitsAndAnonymousCallersAreRefused()
    {
        var orders = await ArrangeAsync();
        using var outsider = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        using var anonymous = app.CreateClient();

        var list = await PageAsync(outsider, "/api/v1/maintenance/orders?pageSize=100&search=CQ0004");
        var detail = await outsider.GetAsync($"/api/v1/maintenance/orders/{orders.Today}");

        Assert.Equal(0, list.Total);
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/maintenance/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/maintenance")).StatusCode);
    }
}
