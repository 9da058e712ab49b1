using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Photos;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Settings;
using TiLianBang.Web.Hosting;
using TiLianBang.Web.Shared;

namespace TiLianBang.Web.Features.Repairs;

/// <summary>Repair orders over HTTP (API-5, API-7): list, detail, report, each life-cycle action, and closing stale alarms in bulk.</summary>
public static class RepairEndpoints
{
    private static readonly Dictionary<string, RepairAction> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["accept"] = RepairAction.Accept,
        ["sign-in"] = RepairAction.SignIn,
        ["start"] = RepairAction.StartProcessing,
        ["submit"] = RepairAction.Submit,
        ["approve"] = RepairAction.Approve,
        ["send-back"] = RepairAction.SendBack,
        ["close"] = RepairAction.Close,
        ["cancel"] = RepairAction.Cancel,
    };

    /// <summary>9 photos of at most 5 MB each, and room for the form's fields and multipart framing.</summary>
    public const long FaultReportMaxBytes = FaultReports.MaxPhotos * PhotoOptions.MaxBytes + 1024 * 1024;

    public static WebApplication MapRepairEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/repairs").WithTags("Repairs").DisableAntiforgery();
        api.MapGet("/", ListAsync).RequireAuthorization(Permissions.RepairTasks)
            .Describe("急修工单列表（分类、今日、超时、状态、搜索）", "Repair orders by category, day, overdue, state or search");
        api.MapGet("/{id:int}", GetAsync).RequireAuthorization(Permissions.RepairTasks)
            .Describe("急修工单详情（含导航位置）", "A repair order with its timeline and navigation target");
        api.MapGet("/{id:int}/fault", FaultAsync).RequireAuthorization(Permissions.RepairTasks)
            .Describe("故障详情：故障代码、处理建议与设备事件", "The fault behind an order: code, advice and the collector's events");
        api.MapPost("/", ReportAsync).RequireAuthorization(Permissions.RepairManualEntry)
            .Describe("人工录入故障", "Report a fault (JSON, without photos)");
        api.MapPost("/reports", ReportWithPhotosAsync).RequireAuthorization(Permissions.RepairManualEntry)
            .Accepts<FaultReportForm>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(FaultReportMaxBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = FaultReportMaxBytes })
            .Describe("故障上报（电梯、描述、最多 9 张照片）", "Report a fault with up to 9 photos, all or nothing");
        api.MapGet("/reports/mine", MyReportsAsync).RequireAuthorization(Permissions.RepairManualEntry)
            .Describe("我的故障上报记录", "The faults I reported, newest first");
        api.MapPost("/close-cleared", CloseClearedAsync).RequireAuthorization(Permissions.RepairReview)
            .Describe("批量关闭已恢复工单", "Close orders whose fault cleared, all or none");
        api.MapPost("/{id:int}/photos", UploadPhotoAsync).RequireAuthorization(Permissions.RepairHandle)
            .Describe("上传处理照片", "Add a photo to the work on an order");
        api.MapGet("/photos/{photoId:int}", PhotoAsync).RequireAuthorization(Permissions.RepairTasks)
            .Describe("查看工单照片", "A photo of an order");
        api.MapPost("/{id:int}/{action}", ApplyAsync).RequireAuthorization()
            .Describe("工单操作（接警、签到、处理、提交、审核、关闭、取消）", "Apply a life-cycle action to an order");
        app.MapPost("/api/v1/elevators/{id:int}/rescue", StartRescueAsync).WithTags("Repairs").DisableAntiforgery().RequireAuthorization(Permissions.MonitorRescue)
            .Describe("启动救援（在该电梯进行中的困人工单上；没有时生成一张）", "Start the rescue on the elevator's open trapped order, raising one when none is open");
        app.MapGet("/api/v1/me/repairs", MyRepairsAsync).WithTags("Repairs").RequireAuthorization()
            .Describe("我的急修（指派给我的工单）", "Repair orders assigned to me");
        app.MapGet("/api/v1/fault-attributes", AttributesAsync).WithTags("Repairs").RequireAuthorization()
            .Describe("故障属性列表（提交工单时选择）", "The fault attributes to choose from when submitting an order");
        app.MapGet("/api/v1/fault-attributes/export", ExportAttributesAsync).WithTags("Repairs").RequireAuthorization(Permissions.ArchiveFaultAttributes)
            .Describe("导出故障属性", "Export the fault attributes");
        return app;
    }

    private static async Task<Ok<PagedList<RepairOrderSummary>>> ListAsync(
        RepairService repairs, TimeProvider clock, RepairOrderState? state, bool? open, int? elevatorId, string? search, string? category, string? day,
        bool? overdue, bool? trappedFirst, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var query = Query(clock, category, day, overdue) with
        {
            State = state, Open = open, ElevatorId = elevatorId, Search = search, TrappedFirst = trappedFirst is true,
        };
        return TypedResults.Ok(await repairs.PageAsync(query, paging, cancellationToken));
    }

    private static async Task<Ok<PagedList<RepairOrderSummary>>> MyRepairsAsync(
        RepairService repairs, CurrentActor actor, TimeProvider clock, string? category, string? day, bool? overdue, bool? trappedFirst, int? page,
        int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var me = actor.AccountId ?? throw new DomainException("repair.anonymous", "请先登录。", DomainErrorKind.Forbidden);
        return TypedResults.Ok(await repairs.PageAsync(
            Query(clock, category, day, overdue) with { WorkerId = me, TrappedFirst = trappedFirst is true }, paging, cancellationToken));
    }

    private static async Task<Ok<PagedList<RepairOrderSummary>>> MyReportsAsync(
        RepairService repairs, CurrentActor actor, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var me = actor.AccountId ?? throw new DomainException("repair.anonymous", "请先登录。", DomainErrorKind.Forbidden);
        return TypedResults.Ok(await repairs.PageAsync(new RepairOrderQuery { ReportedBy = me }, paging, cancellationToken));
    }

    private static RepairOrderQuery Query(TimeProvider clock, string? category, string? day, bool? overdue)
    {
        var errors = new Dictionary<string, string>();
        RepairCategory? parsedCategory = null;
        DateOnly? parsedDay = null;
        try
        {
            parsedCategory = RepairCategories.Parse(category);
        }
        catch (ValidationException e)
        {
            errors = errors.Concat(e.Errors).ToDictionary();
        }
        try
        {
            parsedDay = WorkDay.Parse(day, clock);
        }
        catch (ValidationException e)
        {
            errors = errors.Concat(e.Errors).ToDictionary();
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        return new RepairOrderQuery { Category = parsedCategory, CreatedOn = parsedDay, Overdue = overdue };
    }

    private static async Task<Ok<RepairFaultDetails>> FaultAsync(RepairFaults faults, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await faults.DetailsAsync(id, cancellationToken));

    /// <summary>
    /// 故障上报 as multipart/form-data: <c>elevatorId</c>, <c>description</c>, <c>passengersTrapped</c> and up to nine
    /// <c>photos</c>. Read by hand rather than bound, so that every bad field comes back by its name in one problem.
    /// </summary>
    private static async Task<Created<RepairOrderDetails>> ReportWithPhotosAsync(
        FaultReports reports, RepairService repairs, RepairPhotos stored, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            throw new ValidationException(new Dictionary<string, string> { ["photos"] = "请以 multipart/form-data 提交故障上报。" });
        }
        var form = await request.ReadFormAsync(cancellationToken);
        var errors = new Dictionary<string, string>();
        int? elevatorId = null;
        if (form.TryGetValue("elevatorId", out var elevatorText) && !string.IsNullOrWhiteSpace(elevatorText))
        {
            if (int.TryParse(elevatorText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
            {
                elevatorId = parsed;
            }
            else
            {
                errors["elevatorId"] = "请选择电梯。";
            }
        }
        var trapped = false;
        if (form.TryGetValue("passengersTrapped", out var trappedText) && !string.IsNullOrWhiteSpace(trappedText)
            && !bool.TryParse(trappedText, out trapped))
        {
            errors["passengersTrapped"] = "是否困人须为 true 或 false。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        var photos = form.Files.GetFiles("photos").Select(f => (Func<Stream>)f.OpenReadStream).ToList();
        var order = await reports.ReportAsync(elevatorId, form["description"].ToString(), trapped, photos, cancellationToken);
        return TypedResults.Created($"/api/v1/repairs/{order.Id}",
            await RepairOrderDetails.WithPhotosAsync(await repairs.GetAsync(order.Id, cancellationToken), stored, cancellationToken));
    }

    /// <summary>With the 接警/签到 radius in force, so the phone's button can say before the tap whether it is close enough.</summary>
    private static async Task<Ok<RepairOrderDetails>> GetAsync(
        RepairService repairs, RepairPhotos photos, SystemSettingsService settings, int id, CancellationToken cancellationToken)
    {
        var details = await RepairOrderDetails.WithPhotosAsync(await repairs.GetAsync(id, cancellationToken), photos, cancellationToken);
        return TypedResults.Ok(details with { GeofenceRadiusMeters = (await settings.GetAsync(cancellationToken)).GeofenceRadiusMeters });
    }

    private static async Task<Created<RepairOrderDetails>> ReportAsync(RepairService repairs, RepairReportRequest request, CancellationToken cancellationToken)
    {
        var order = await repairs.ReportAsync(request.ElevatorId, request.Description ?? "", request.PassengersTrapped, cancellationToken);
        return TypedResults.Created($"/api/v1/repairs/{order.Id}", RepairOrderDetails.From(await repairs.GetAsync(order.Id, cancellationToken)));
    }

    /// <summary>批量关闭已恢复工单: all the orders or none; refusals are problems with codes (repair.not_cleared, repair.illegal_transition).</summary>
    private static async Task<Ok<RepairCloseClearedResult>> CloseClearedAsync(
        RepairService repairs, RepairCloseClearedRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RepairCloseClearedResult(await repairs.CloseClearedAsync(request.Ids ?? [], request.Reason, cancellationToken)));

    private static async Task<Results<Created<RepairPhotoDetails>, ProblemHttpResult>> UploadPhotoAsync(
        RepairPhotos photos, int id, IFormFile? photo, CancellationToken cancellationToken)
    {
        if (photo is null)
        {
            return TypedResults.Problem(statusCode: 400, title: CoreTexts.Show("请选择照片。", CultureInfo.CurrentUICulture), extensions: new Dictionary<string, object?> { ["code"] = "repair.photo_missing" });
        }
        await using var content = photo.OpenReadStream();
        var stored = await photos.AddAsync(id, content, cancellationToken);
        return TypedResults.Created($"/api/v1/repairs/photos/{stored.Id}", new RepairPhotoDetails(stored.Id, stored.ContentType, stored.Length, stored.UploadedAtUtc));
    }

    private static async Task<Ok<IReadOnlyList<FaultAttributeItem>>> AttributesAsync(FaultAttributes attributes, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<FaultAttributeItem>>(
            (await attributes.AllAsync(cancellationToken)).Select(a => new FaultAttributeItem(a.Id, a.Name, a.Description)).ToList());

    private static async Task<FileContentHttpResult> ExportAttributesAsync(FaultAttributes attributes, TimeProvider clock, string? format, CancellationToken cancellationToken)
    {
        var rows = (await attributes.AllAsync(cancellationToken))
            .Select(a => (IDictionary<string, object?>)new Dictionary<string, object?> { ["名称"] = a.Name, ["说明"] = a.Description });
        return await SpreadsheetDownload.FileAsync("故障属性", format, clock, (stream, kind) => Spreadsheet.WriteAsync(stream, rows, kind, cancellationToken));
    }

    private static async Task<FileStreamHttpResult> PhotoAsync(RepairPhotos photos, int photoId, CancellationToken cancellationToken)
    {
        var (photo, content) = await photos.OpenAsync(photoId, cancellationToken);
        return TypedResults.File(content, photo.ContentType);
    }

    /// <summary>启动救援: 201 when this start raised the order, 200 when it ran on an open one (again: <c>alreadyStarted</c>, with the first start).</summary>
    private static async Task<Results<Created<RescueStartResult>, Ok<RescueStartResult>>> StartRescueAsync(
        RepairService repairs, int id, CancellationToken cancellationToken)
    {
        var start = await repairs.StartRescueAsync(id, null, cancellationToken);
        var result = new RescueStartResult(start.Order.Id, start.Order.Number, start.Raised, start.AlreadyStarted, start.StartedAtUtc, start.StartedBy);
        return start.Raised ? TypedResults.Created($"/api/v1/repairs/{start.Order.Id}", result) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<RepairOrderDetails>, NotFound>> ApplyAsync(
        RepairService repairs, int id, string action, RepairActionRequest request, CancellationToken cancellationToken)
    {
        if (!Actions.TryGetValue(action, out var repairAction))
        {
            return TypedResults.NotFound();
        }
        await repairs.ApplyAsync(id, repairAction, new RepairActionInput
        {
            Position = request.Latitude is { } lat && request.Longitude is { } lon ? new GeoPoint(lat, lon) : null,
            Cause = request.Cause,
            ActionsTaken = request.ActionsTaken,
            FaultAttribute = request.FaultAttribute,
            Note = request.Note,
        }, cancellationToken);
        return TypedResults.Ok(RepairOrderDetails.From(await repairs.GetAsync(id, cancellationToken)));
    }
}

public sealed record FaultAttributeItem(int Id, string Name, string? Description);

public sealed record RepairPhotoDetails(int Id, string ContentType, long Length, DateTime UploadedAtUtc);

/// <summary>The form of 故障上报 (multipart/form-data), described for the API document; the handler reads the form itself.</summary>
public sealed record FaultReportForm(int ElevatorId, string Description, bool PassengersTrapped, IFormFileCollection? Photos);

public sealed record RepairReportRequest(int ElevatorId, string? Description, bool PassengersTrapped);

public sealed record RepairCloseClearedRequest(IReadOnlyList<int>? Ids, string? Reason);

public sealed record RepairCloseClearedResult(int Closed);

/// <summary>启动救援's answer: the trapped order (raised now or already open) and who started the rescue, when.</summary>
public sealed record RescueStartResult(int OrderId, string Number, bool Raised, bool AlreadyStarted, DateTime StartedAtUtc, string? StartedBy);

public sealed record RepairActionRequest(double? Latitude, double? Longitude, string? Cause, string? ActionsTaken, string? FaultAttribute, string? Note);
