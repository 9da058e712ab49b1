using TiLianBang.Core.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Api;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Repairs;

namespace TiLianBang.Tests.Repairs;

/// <summary>The repair life-cycle through the real HTTP pipeline, as the mini-program drives it.</summary>
public sealed class RepairHttpTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<(int OrderId, double Lat, double Lon)> RaiseAsync(int elevatorIndex)
    {
        var number = $"CQ{elevatorIndex:D4}";
        var (elevatorId, lat, lon) = await app.AsSystemAsync(async (_, db) =>
        {
            var e = await db.Elevators.Include(x => x.Community).SingleAsync(x => x.Number == number);
            return (e.Id, e.Community!.Latitude, e.Community.Longitude);
        });
        var (order, _) = await app.AsSystemAsync((services, _) =>
            services.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        return (order.Id, lat, lon);
    }

    private static async Task<RepairOrderDetails> OkAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RepairOrderDetails>(ApiJson.Options))!;
    }

    [Fact]
    public async Task AWorkerAndAReviewerTakeAnOrderFromAlarmToClosedOverHttp()
    {
        var (id, lat, lon) = await RaiseAsync(1);
        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var reviewer = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var here = new RepairActionRequest(lat + 0.002, lon, null, null, null, null);

        await OkAsync(await worker.PostAsJsonAsync($"/api/v1/repairs/{id}/accept", here));
        await OkAsync(await worker.PostAsJsonAsync($"/api/v1/repairs/{id}/sign-in", here));
        await OkAsync(await worker.PostAsJsonAsync($"/api/v1/repairs/{id}/start", new RepairActionRequest(null, null, null, null, null, null)));
        await OkAsync(await worker.PostAsJsonAsync($"/api/v1/repairs/{id}/submit", new RepairActionRequest(null, null, "停电困人", "盘车放人，恢复供电", "电源", null)));
        await OkAsync(await reviewer.PostAsJsonAsync($"/api/v1/repairs/{id}/approve", new RepairActionRequest(null, null, null, null, null, "好")));
        var closed = await OkAsync(await reviewer.PostAsJsonAsync($"/api/v1/repairs/{id}/close", new RepairActionRequest(null, null, null, null, null, null)));

        Assert.Equal(RepairOrderState.Closed, closed.State);
        Assert.Equal("已关闭", closed.StateName);
        // The minutely escalation job may write its level-1 step while the order waits; the worker's trail is what this test is about.
        var trail = closed.Steps.Where(s => s.UserName != "system:escalation").ToList();
        Assert.Equal(
            [null, RepairAction.Accept, RepairAction.SignIn, RepairAction.StartProcessing, RepairAction.Submit, RepairAction.Approve, RepairAction.Close],
            trail.Select(s => s.Action));
        Assert.Equal(lat + 0.002, trail[1].Latitude);
        var listed = await reviewer.GetFromJsonAsync<PagedList<RepairOrderSummary>>("/api/v1/repairs?state=Closed&pageSize=100", ApiJson.Options);
        Assert.Contains(listed!.Items, o => o.Id == id);
    }

    [Fact]
    public async Task RefusalsAreProblemsWithCodesAndChangeNothing()
    {
        var (id, lat, lon) = await RaiseAsync(2);
        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var outsider = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);

        var far = await worker.PostAsJsonAsync($"/api/v1/repairs/{id}/accept", new RepairActionRequest(lat + 0.0108, lon, null, null, null, null));
        var early = await worker.PostAsJsonAsync($"/api/v1/repairs/{id}/submit", new RepairActionRequest(null, null, "x", "y", null, null));
        var foreign = await outsider.PostAsJsonAsync($"/api/v1/repairs/{id}/accept", new RepairActionRequest(lat, lon, null, null, null, null));
        var unknownAction = await worker.PostAsJsonAsync($"/api/v1/repairs/{id}/teleport", new RepairActionRequest(null, null, null, null, null, null));

        Assert.Equal(HttpStatusCode.Conflict, far.StatusCode);
        Assert.Equal("repair.out_of_range", (await far.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("repair.illegal_transition", (await early.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownAction.StatusCode);
        var stored = await app.AsSystemAsync((_, db) => db.RepairOrders.Include(o => o.Steps).SingleAsync(o => o.Id == id));
        Assert.Equal(RepairOrderState.Created, stored.State);
        Assert.Single(stored.Steps);
    }

    [Fact]
    public async Task AUserUnitReportsAFaultAndGetsTheNewOrder()
    {
        var elevatorId = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0003").Select(e => e.Id).SingleAsync());
        var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);

        var created = await unit.PostAsJsonAsync("/api/v1/repairs", new RepairReportRequest(elevatorId, "3 楼厅门关不上", false));
        var empty = await unit.PostAsJsonAsync("/api/v1/repairs", new RepairReportRequest(elevatorId, "", false));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = (await created.Content.ReadFromJsonAsync<RepairOrderDetails>(ApiJson.Options))!;
        Assert.Equal(RepairOrderState.Created, order.State);
        Assert.Equal("3 楼厅门关不上", order.Description);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task AReviewerClosesClearedOrdersInBulkAndARefusalIsAProblemThatClosesNone()
    {
        var (cleared, _, _) = await RaiseAsync(11);
        var (stillFaulty, _, _) = await RaiseAsync(13);
        var elevatorId = await app.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.Id == cleared).Select(o => o.ElevatorId).SingleAsync());
        await app.AsSystemAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<RepairService>().FaultClearedAsync(elevatorId, 11, default);
            return true;
        });
        var reviewer = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var mixed = await reviewer.PostAsJsonAsync("/api/v1/repairs/close-cleared", new RepairCloseClearedRequest([cleared, stillFaulty], "设备已恢复"));
        var noReason = await reviewer.PostAsJsonAsync("/api/v1/repairs/close-cleared", new RepairCloseClearedRequest([cleared], null));
        var notReviewer = await worker.PostAsJsonAsync("/api/v1/repairs/close-cleared", new RepairCloseClearedRequest([cleared], "设备已恢复"));
        var unchanged = await app.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.Id == cleared).Select(o => o.State).SingleAsync());
        var ok = await reviewer.PostAsJsonAsync("/api/v1/repairs/close-cleared", new RepairCloseClearedRequest([cleared], "设备已恢复"));

        Assert.Equal(HttpStatusCode.Conflict, mixed.StatusCode);
        Assert.Equal("repair.not_cleared", (await mixed.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notReviewer.StatusCode);
        Assert.Equal(RepairOrderState.Created, unchanged);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, (await ok.Content.ReadFromJsonAsync<RepairCloseClearedResult>(ApiJson.Options))!.Closed);
        var details = await reviewer.GetFromJsonAsync<RepairOrderDetails>($"/api/v1/repairs/{cleared}", ApiJson.Options);
        Assert.Equal(RepairOrderState.Closed, details!.State);
        Assert.NotNull(details.FaultClearedAtUtc);
        Assert.Equal("设备已恢复", details.Steps[^1].Note);
    }
}
