using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Maintenance;
using TiLianBang.Tests.Api;

namespace TiLianBang.Tests.Maintenance;

/// <summary>MNT-1, MNT-5, MNT-6 through the real HTTP pipeline, as the office and the mini-program drive them.</summary>
public sealed class MaintenanceWorkflowTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private static async Task<MaintenanceOrderDetails> OkAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MaintenanceOrderDetails>(ApiJson.Options))!;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]?.ToString();

    /// <summary>
    /// Plans the elevator with the demo worker so that a visit falls due today, generates, and returns it. Started
    /// 360 days ago, today's visit serves the yearly cycle end in five days: a yearly visit, with test items.
    /// </summary>
    private async Task<MaintenanceOrder> PlannedTodayAsync(int elevatorIndex, HttpClient manager, int startedDaysAgo = 0)
    {
        var (elevatorId, _) = await app.ElevatorAsync(elevatorIndex);
        var worker = await app.AccountIdAsync(DemoAccounts.MaintenanceWorker);
        var saved = await manager.PutAsJsonAsync($"/api/v1/maintenance/plans/{elevatorId}",
            new PlanRequest(null, worker, MaintenanceMode.FixedCycle, app.Clock.Today().AddDays(-startedDaysAgo)), ApiJson.Options);
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        await app.GenerateAsync();
        return (await app.OrdersOfAsync(elevatorId)).Single(o => o.DueOn == app.Clock.Today());
    }

    [Fact]
    public async Task AVisitGoesFromPlanToConfirmedThroughTheApiWithEveryStepRecorded()
    {
        var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        // CQ0002 is maintained by 渝安 and used by 嘉陵 (wuye2).
        var userUnit = await app.CreateApiClientAsync(DemoAccounts.OtherUserUnitManager, DemoAccounts.Password);
        var (_, site) = await app.ElevatorAsync(2);
        var order = await PlannedTodayAsync(2, office, startedDaysAgo: 360);
        Assert.Equal(MaintenanceOrderState.Pending, order.State);
        Assert.Equal(MaintenancePeriod.Yearly, order.Period);

        // Not in the worker's calendar until 计划审核 assigns it.
        var day = await worker.GetFromJsonAsync<List<MaintenanceOrderSummary>>($"/api/v1/maintenance/my/day?date={app.Clock.Today():yyyy-MM-dd}", ApiJson.Options);
        Assert.DoesNotContain(day!, o => o.Id == order.Id);
        var workerId = await app.AccountIdAsync(DemoAccounts.MaintenanceWorker);
        await OkAsync(await office.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/assign", new AssignRequest(workerId), ApiJson.Options));
        day = await worker.GetFromJsonAsync<List<MaintenanceOrderSummary>>($"/api/v1/maintenance/my/day?date={app.Clock.Today():yyyy-MM-dd}", ApiJson.Options);
        Assert.Contains(day!, o => o.Id == order.Id && o.State == MaintenanceOrderState.Assigned);
        var month = await worker.GetFromJsonAsync<Dictionary<DateOnly, int>>($"/api/v1/maintenance/my/month?month={app.Clock.Today():yyyy-MM}", ApiJson.Options);
        Assert.True(month![app.Clock.Today()] >= 1);

        // Sign-in only on site.
        var far = await worker.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/sign-in", new PositionRequest(site.Latitude + 0.05, site.Longitude), ApiJson.Options);
        Assert.Equal(HttpStatusCode.Conflict, far.StatusCode);
        Assert.Equal("maintenance.out_of_range", await CodeAsync(far));
        var signed = await OkAsync(await worker.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/sign-in", new PositionRequest(site.Latitude + 0.002, site.Longitude), ApiJson.Options));
        Assert.Equal(MaintenanceOrderState.SignedIn, signed.State);
        Assert.Equal(site.Latitude + 0.002, signed.SignInLatitude);

        // Answer all but two items: the submit names exactly those.
        var items = signed.Items;
        var left = items.Where(i => !i.NeedsPhoto).TakeLast(2).ToList();
        foreach (var item in items.Except(left))
        {
            var result = item.NeedsPhoto ? MaintenanceItemResult.Fixed : MaintenanceItemResult.Normal;
            await OkAsync(await worker.PutAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/items/{item.Id}", new ItemResultRequest(result, item.NeedsPhoto ? "调整后正常" : null), ApiJson.Options));
        }
        var incomplete = await worker.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/submit", new NoteRequest(null), ApiJson.Options);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var problem = (await incomplete.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Contains("还有 2 项未填写", problem.Errors["Items"][0]);
        Assert.All(left, i => Assert.Contains(i.Name, problem.Errors["Items"][0]));
        var photoItems = items.Where(i => i.NeedsPhoto).ToList();
        Assert.NotEmpty(photoItems);
        Assert.All(photoItems, i => Assert.Contains(i.Name, problem.Errors["Photos"][0]));
        Assert.Equal(MaintenanceOrderState.SignedIn, (await app.OrdersOfAsync(order.ElevatorId)).Single(o => o.Id == order.Id).State);

        foreach (var item in left)
        {
            await OkAsync(await worker.PutAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/items/{item.Id}", new ItemResultRequest(MaintenanceItemResult.NotApplicable, "无此部件"), ApiJson.Options));
        }
        foreach (var item in photoItems)
        {
            var content = new ByteArrayContent(TestImages.Jpeg);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            var upload = await worker.PostAsync($"/api/v1/maintenance/orders/{order.Id}/items/{item.Id}/photos", new MultipartFormDataContent { { content, "photo", "test.jpg" } });
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }
        var submitted = await OkAsync(await worker.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/submit", new NoteRequest("曳引轮有轻微磨损，下次复查"), ApiJson.Options));
        Assert.Equal(MaintenanceOrderState.Submitted, submitted.State);

        // Only the elevator's user unit confirms; another user unit cannot even see it.
        var otherUnit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/confirm", new NoteRequest(null), ApiJson.Options)).StatusCode);
        var confirmed = await OkAsync(await userUnit.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/confirm", new NoteRequest("已核实"), ApiJson.Options));
        Assert.Equal(MaintenanceOrderState.Confirmed, confirmed.State);
        Assert.Equal("陈静", confirmed.ConfirmedByName);
        Assert.Equal("曳引轮有轻微磨损，下次复查", confirmed.Notes);
        Assert.All(confirmed.Items.Where(i => i.NeedsPhoto), i => Assert.Single(i.PhotoIds));
        Assert.Equal(2, confirmed.Items.Count(i => i.Result == MaintenanceItemResult.NotApplicable));
        var again = await userUnit.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/confirm", new NoteRequest(null), ApiJson.Options);
        Assert.Equal("maintenance.illegal_transition", await CodeAsync(again));

        // 保养查询 shows an elevator's latest visits first.
        var history = await app.AsAsync(DemoAccounts.MaintenanceManager, s => s.ListAsync(new MaintenanceOrderQuery { ElevatorId = order.ElevatorId, NewestFirst = true }, default));
        Assert.True(history.Count >= 2);
        Assert.Equal(history.Select(h => h.DueOn).OrderDescending(), history.Select(h => h.DueOn));

        // The photo is readable by the office, as an image.
        var photo = await office.GetAsync($"/api/v1/maintenance/photos/{confirmed.Items.First(i => i.NeedsPhoto).PhotoIds[0]}");
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnotherCompanysWorkerAndAnUnassignedWorkerAreRefusedAndNothingChanges()
    {
        var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var (_, site) = await app.ElevatorAsync(4);
        var order = await PlannedTodayAsync(4, office);
        var here = new PositionRequest(site.Latitude, site.Longitude);

        // Not yet assigned: the planned worker cannot start it.
        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var early = await worker.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/sign-in", here, ApiJson.Options);
        Assert.Equal("maintenance.illegal_transition", await CodeAsync(early));

        // 两江's manager (who may do maintenance work) cannot see 渝安's order, let alone sign in or assign it.
        var other = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/sign-in", here, ApiJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/maintenance/orders/{order.Id}")).StatusCode);
        var otherWorker = await app.AccountIdAsync(DemoAccounts.OtherMaintenanceManager);
        var assignOther = await office.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/assign", new AssignRequest(otherWorker), ApiJson.Options);
        Assert.Equal(HttpStatusCode.BadRequest, assignOther.StatusCode);

        // Assigned to the worker: the manager of the same company is not the assignee either.
        await OkAsync(await office.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/assign", new AssignRequest(await app.AccountIdAsync(DemoAccounts.MaintenanceWorker)), ApiJson.Options));
        var notMine = await office.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/sign-in", here, ApiJson.Options);
        Assert.Equal(HttpStatusCode.Forbidden, notMine.StatusCode);

        var stored = (await app.OrdersOfAsync(order.ElevatorId)).Single(o => o.Id == order.Id);
        Assert.Equal(MaintenanceOrderState.Assigned, stored.State);
        Assert.Null(stored.SignedInAtUtc);
    }

    [Fact]
    public async Task PlanEntryOverwritesRefusesOnDemandWithoutACollectorAndStaysWithinTheMaintainer()
    {
        var (elevatorId, _) = await app.ElevatorAsync(7);
        var worker = await app.AccountIdAsync(DemoAccounts.MaintenanceWorker);
        var today = app.Clock.Today();
        await app.PlanAsync(DemoAccounts.MaintenanceManager, new MaintenancePlanInput(elevatorId, null, worker, MaintenanceMode.FixedCycle, today.AddDays(3)));
        await app.PlanAsync(DemoAccounts.MaintenanceManager, new MaintenancePlanInput(elevatorId, null, worker, MaintenanceMode.FixedCycle, today.AddDays(5)));
        await app.GenerateAsync();
        var plans = await app.AsSystemAsync((_, db) => db.MaintenancePlans.Where(p => p.ElevatorId == elevatorId).ToListAsync());
        Assert.Equal(today.AddDays(5), Assert.Single(plans).StartDate);
        Assert.Equal(today.AddDays(5), (await app.OrdersOfAsync(elevatorId)).First(o => !o.IsDone).DueOn);

        // On demand needs a collector: unbind it, and the plan is refused with the reason; the plan stays as it was.
        await app.AsSystemAsync(async (_, db) =>
        {
            var device = await db.Devices.SingleAsync(d => d.ElevatorId == elevatorId);
            device.ElevatorId = null;
            return await db.SaveChangesAsync();
        });
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.PlanAsync(DemoAccounts.MaintenanceManager, new MaintenancePlanInput(elevatorId, null, worker, MaintenanceMode.OnDemand, today)));
        Assert.Contains("采集器", refused.Errors["Mode"]);
        Assert.Equal(MaintenanceMode.FixedCycle, (await app.AsSystemAsync((_, db) => db.MaintenancePlans.SingleAsync(p => p.ElevatorId == elevatorId))).Mode);

        // Another maintenance company cannot plan it (it cannot see it at all).
        var foreign = await Assert.ThrowsAsync<DomainException>(() =>
            app.PlanAsync(DemoAccounts.OtherMaintenanceManager, new MaintenancePlanInput(elevatorId, null, null, MaintenanceMode.FixedCycle, today)));
        Assert.Equal("elevator.not_found", foreign.Code);
    }

    [Fact]
    public async Task ARunCutShortIsCompletedByTheNextAndTheKeyRefusesASecondCopy()
    {
        var (elevatorId, _) = await app.ElevatorAsync(16);
        var worker = await app.AccountIdAsync(DemoAccounts.MaintenanceWorker);
        await app.PlanAsync(DemoAccounts.MaintenanceManager, new MaintenancePlanInput(elevatorId, null, worker, MaintenanceMode.FixedCycle, app.Clock.Today()));
        await app.GenerateAsync();
        var complete = (await app.OrdersOfAsync(elevatorId)).Select(o => o.ScheduleKey).ToList();
        Assert.True(complete.Count >= 2);

        // As if the run had stopped before the last slot was saved.
        await app.AsSystemAsync(async (_, db) =>
        {
            var last = await db.MaintenanceOrders.Where(o => o.ElevatorId == elevatorId).OrderByDescending(o => o.DueOn).FirstAsync();
            db.MaintenanceOrders.Remove(last);
            return await db.SaveChangesAsync();
        });
        await app.GenerateAsync();
        await app.GenerateAsync();
        Assert.Equal(complete, (await app.OrdersOfAsync(elevatorId)).Select(o => o.ScheduleKey).ToList());

        // A concurrent writer cannot slip in a second order for the same slot.
        await Assert.ThrowsAsync<DbUpdateException>(() => app.AsSystemAsync(async (_, db) =>
        {
            db.MaintenanceOrders.Add(new MaintenanceOrder
            {
                Number = "BY-DUPLICATE", ElevatorId = elevatorId, ScheduleKey = complete[0], DueOn = app.Clock.Today(), DueReason = "test",
            });
            return await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task BadWorkerInputIsRefusedWithItsReasonAndChangesNothing()
    {
        var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var (_, site) = await app.ElevatorAsync(20);
        var order = await PlannedTodayAsync(20, office);
        await OkAsync(await office.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/assign", new AssignRequest(await app.AccountIdAsync(DemoAccounts.MaintenanceWorker)), ApiJson.Options));
        await OkAsync(await worker.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/sign-in", new PositionRequest(site.Latitude, site.Longitude), ApiJson.Options));
        var item = order.Items.First();

        var noResult = await worker.PutAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/items/{item.Id}", new ItemResultRequest(null, "看过了"), ApiJson.Options);
        var badMonth = await worker.GetAsync("/api/v1/maintenance/my/month?month=2026-13");
        var notAnImage = await worker.PostAsync($"/api/v1/maintenance/orders/{order.Id}/items/{item.Id}/photos",
            new MultipartFormDataContent { { new ByteArrayContent("not a photo"u8.ToArray()), "photo", "photo.jpg" } });
        var otherItem = await worker.PutAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/items/999999", new ItemResultRequest(MaintenanceItemResult.Normal, null), ApiJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, noResult.StatusCode);
        Assert.Contains("Result", (await noResult.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAnImage.StatusCode);
        Assert.Contains("JPEG", (await notAnImage.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors["Photo"][0]);
        Assert.Equal(HttpStatusCode.NotFound, otherItem.StatusCode);
        var stored = await app.AsSystemAsync((_, db) => db.MaintenanceOrderItems.Include(i => i.Photos).SingleAsync(i => i.Id == item.Id));
        Assert.Null(stored.Result);
        Assert.Null(stored.Note);
        Assert.Empty(stored.Photos);
    }
}
