using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Settings;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Maintenance;

/// <summary>
/// Maintenance over HTTP (MNT-5, MNT-6): the mini-program's day calendar, sign-in, items, photos, submit and the
/// user unit's confirmation; the office's order list, detail and assignment; plan entry.
/// </summary>
public static class MaintenanceEndpoints
{
    public static WebApplication MapMaintenanceEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/maintenance").WithTags("Maintenance").DisableAntiforgery();
        api.MapGet("/my/day", DayAsync).RequireAuthorization(Permissions.MaintenanceWork)
            .Describe("我某一天的保养", "My maintenance visits of a day");
        api.MapGet("/my/month", MonthAsync).RequireAuthorization(Permissions.MaintenanceWork)
            .Describe("我某月每天的保养数", "How many visits I have on each day of a month");
        api.MapGet("/orders", ListAsync).RequireAuthorization(Permissions.MaintenanceQuery)
            .Describe("保养工单列表（今日、逾期、已完成、状态、搜索）", "Maintenance orders by category, state or search");
        api.MapGet("/orders/{id:int}", GetAsync).RequireAuthorization(Permissions.MaintenanceQuery)
            .Describe("保养工单详情", "A maintenance order with its items");
        api.MapPost("/orders/{id:int}/assign", AssignAsync).RequireAuthorization(Permissions.MaintenancePlanReview)
            .Describe("派工", "Assign a maintenance order to a worker");
        api.MapPost("/orders/{id:int}/sign-in", SignInAsync).RequireAuthorization(Permissions.MaintenanceWork)
            .Describe("保养签到", "Sign in on site for a maintenance visit");
        api.MapPut("/orders/{id:int}/items/{itemId:int}", RecordItemAsync).RequireAuthorization(Permissions.MaintenanceWork)
            .Describe("填写维保项目结果", "Record the result of a maintenance item");
        api.MapPost("/orders/{id:int}/items/{itemId:int}/photos", UploadPhotoAsync).RequireAuthorization(Permissions.MaintenanceWork)
            .Describe("上传维保项目照片", "Add a photo to a maintenance item");
        api.MapPost("/orders/{id:int}/submit", SubmitAsync).RequireAuthorization(Permissions.MaintenanceWork)
            .Describe("提交保养", "Submit a maintenance visit");
        api.MapPost("/orders/{id:int}/confirm", ConfirmAsync).RequireAuthorization(Permissions.MaintenanceQuery)
            .Describe("使用单位确认保养", "Confirm a maintenance visit as the user unit");
        api.MapGet("/photos/{photoId:int}", PhotoAsync).RequireAuthorization(Permissions.MaintenanceQuery)
            .Describe("查看保养照片", "A photo of a maintenance visit");
        api.MapGet("/plans", PlansAsync).RequireAuthorization(Permissions.MaintenancePlanEntry)
            .Describe("保养计划列表", "Maintenance plans");
        api.MapPut("/plans/{elevatorId:int}", SavePlanAsync).RequireAuthorization(Permissions.MaintenancePlanEntry)
            .Describe("保存电梯保养计划", "Save an elevator's maintenance plan");
        app.MapGet("/api/v1/me/maintenance", MyOrdersAsync).WithTags("Maintenance").RequireAuthorization()
            .Describe("我的保养（指派给我的工单）", "Maintenance orders assigned to me");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<MaintenanceOrderSummary>>> DayAsync(MaintenanceOrders orders, TimeProvider clock, DateOnly? date, CancellationToken cancellationToken) =>
        TypedResults.Ok(await orders.DayAsync(date ?? clock.Today(), cancellationToken));

    private static async Task<Ok<IReadOnlyDictionary<DateOnly, int>>> MonthAsync(MaintenanceOrders orders, TimeProvider clock, string? month, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        if (month is not null && !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out today))
        {
            throw new ValidationException(new Dictionary<string, string> { ["Month"] = "月份格式应为 yyyy-MM。" });
        }
        return TypedResults.Ok(await orders.MonthAsync(today.Year, today.Month, cancellationToken));
    }

    private static async Task<Ok<PagedList<MaintenanceOrderSummary>>> ListAsync(
        MaintenanceOrders orders, MaintenanceOrderState? state, int? elevatorId, int? workerId, bool? overdue, DateOnly? from, DateOnly? to, string? search,
        string? category, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var query = Query(category) with
        {
            State = state, ElevatorId = elevatorId, WorkerId = workerId, Overdue = overdue, DueFrom = from, DueTo = to, Search = search,
        };
        return TypedResults.Ok(await orders.PageAsync(query, paging, cancellationToken));
    }

    private static async Task<Ok<PagedList<MaintenanceOrderSummary>>> MyOrdersAsync(
        MaintenanceOrders orders, CurrentActor actor, MaintenanceOrderState? state, string? category, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var me = actor.AccountId ?? throw new DomainException("maintenance.anonymous", "请先登录。", DomainErrorKind.Forbidden);
        return TypedResults.Ok(await orders.PageAsync(Query(category) with { State = state, WorkerId = me, AssignedOnly = true }, paging, cancellationToken));
    }

    /// <summary>Finished visits read best newest first; open ones by when they are due.</summary>
    private static MaintenanceOrderQuery Query(string? category)
    {
        var parsed = MaintenanceCategories.Parse(category);
        return new MaintenanceOrderQuery { Category = parsed, NewestFirst = parsed == MaintenanceCategory.Done };
    }

    private static async Task<Ok<MaintenanceOrderDetails>> GetAsync(MaintenanceOrders orders, SystemSettingsService settings, TimeProvider clock, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DetailsAsync(orders, settings, clock, id, cancellationToken));

    private static async Task<Ok<MaintenanceOrderDetails>> AssignAsync(MaintenanceOrders orders, SystemSettingsService settings, TimeProvider clock, int id, AssignRequest request, CancellationToken cancellationToken)
    {
        await orders.AssignAsync(id, request.WorkerId, cancellationToken);
        return TypedResults.Ok(await DetailsAsync(orders, settings, clock, id, cancellationToken));
    }

    private static async Task<Ok<MaintenanceOrderDetails>> SignInAsync(MaintenanceOrders orders, SystemSettingsService settings, TimeProvider clock, int id, PositionRequest request, CancellationToken cancellationToken)
    {
        var position = request.Latitude is { } lat && request.Longitude is { } lon ? new GeoPoint(lat, lon) : (GeoPoint?)null;
        await orders.SignInAsync(id, position, cancellationToken);
        return TypedResults.Ok(await DetailsAsync(orders, settings, clock, id, cancellationToken));
    }

    private static async Task<Ok<MaintenanceOrderDetails>> RecordItemAsync(
        MaintenanceOrders orders, SystemSettingsService settings, TimeProvider clock, int id, int itemId, ItemResultRequest request, CancellationToken cancellationToken)
    {
        if (request.Result is not { } result)
        {
            throw new ValidationException(new Dictionary<string, string> { ["Result"] = "请选择结果：Normal（正常）、Fixed（已修复）或 NotApplicable（不适用）。" });
        }
        await orders.RecordItemAsync(id, itemId, result, request.Note, cancellationToken);
        return TypedResults.Ok(await DetailsAsync(orders, settings, clock, id, cancellationToken));
    }

    private static async Task<Results<Created<MaintenancePhotoDetails>, ProblemHttpResult>> UploadPhotoAsync(
        MaintenanceOrders orders, int id, int itemId, IFormFile? photo, CancellationToken cancellationToken)
    {
        if (photo is null)
        {
            return TypedResults.Problem(statusCode: 400, title: CoreTexts.Show("请选择照片。", CultureInfo.CurrentUICulture), extensions: new Dictionary<string, object?> { ["code"] = "maintenance.photo_missing" });
        }
        await using var content = photo.OpenReadStream();
        var stored = await orders.AddPhotoAsync(id, itemId, content, cancellationToken);
        return TypedResults.Created($"/api/v1/maintenance/photos/{stored.Id}", new MaintenancePhotoDetails(stored.Id, stored.ContentType, stored.Length, stored.UploadedAtUtc));
    }

    private static async Task<Ok<MaintenanceOrderDetails>> SubmitAsync(MaintenanceOrders orders, SystemSettingsService settings, TimeProvider clock, int id, NoteRequest? request, CancellationToken cancellationToken)
    {
        await orders.SubmitAsync(id, request?.Note, cancellationToken);
        return TypedResults.Ok(await DetailsAsync(orders, settings, clock, id, cancellationToken));
    }

    private static async Task<Ok<MaintenanceOrderDetails>> ConfirmAsync(MaintenanceOrders orders, SystemSettingsService settings, TimeProvider clock, int id, NoteRequest? request, CancellationToken cancellationToken)
    {
        await orders.ConfirmAsync(id, request?.Note, cancellationToken);
        return TypedResults.Ok(await DetailsAsync(orders, settings, clock, id, cancellationToken));
    }

    private static async Task<FileStreamHttpResult> PhotoAsync(MaintenanceOrders orders, int photoId, CancellationToken cancellationToken)
    {
        var (photo, content) = await orders.OpenPhotoAsync(photoId, cancellationToken);
        return TypedResults.File(content, photo.ContentType);
    }

    private static async Task<Ok<IReadOnlyList<MaintenancePlanRow>>> PlansAsync(MaintenancePlanning planning, string? search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await planning.PlansAsync(search, cancellationToken));

    private static async Task<NoContent> SavePlanAsync(MaintenancePlanning planning, int elevatorId, PlanRequest request, CancellationToken cancellationToken)
    {
        if (request.StartDate is not { } start)
        {
            throw new ValidationException(new Dictionary<string, string> { ["StartDate"] = "请填写首次保养日期。" });
        }
        await planning.SavePlanAsync(new MaintenancePlanInput(elevatorId, request.GroupId, request.WorkerId, request.Mode, start), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<MaintenanceOrderDetails> DetailsAsync(MaintenanceOrders orders, SystemSettingsService settings, TimeProvider clock, int id, CancellationToken cancellationToken)
    {
        var order = await orders.GetAsync(id, cancellationToken);
        var radius = (await settings.GetAsync(cancellationToken)).GeofenceRadiusMeters;
        return MaintenanceOrderDetails.From(order, await orders.NameOfAsync(order.WorkerId, cancellationToken), clock.Today(), radius);
    }
}

public sealed record AssignRequest(int WorkerId);

public sealed record PositionRequest(double? Latitude, double? Longitude);

public sealed record ItemResultRequest(MaintenanceItemResult? Result, string? Note);

public sealed record NoteRequest(string? Note);

public sealed record PlanRequest(int? GroupId, int? WorkerId, MaintenanceMode Mode, DateOnly? StartDate);

public sealed record MaintenancePhotoDetails(int Id, string ContentType, long Length, DateTime UploadedAtUtc);
