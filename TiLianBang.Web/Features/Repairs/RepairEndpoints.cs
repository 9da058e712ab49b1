using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;
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

    public static WebApplication MapRepairEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/repairs").WithTags("Repairs").DisableAntiforgery();
        api.MapGet("/", ListAsync).RequireAuthorization(Permissions.RepairTasks);
        api.MapGet("/{id:int}", GetAsync).RequireAuthorization(Permissions.RepairTasks);
        api.MapPost("/", ReportAsync).RequireAuthorization(Permissions.RepairManualEntry);
        api.MapPost("/close-cleared", CloseClearedAsync).RequireAuthorization(Permissions.RepairReview);
        api.MapPost("/{id:int}/photos", UploadPhotoAsync).RequireAuthorization(Permissions.RepairHandle);
        api.MapGet("/photos/{photoId:int}", PhotoAsync).RequireAuthorization(Permissions.RepairTasks);
        api.MapPost("/{id:int}/{action}", ApplyAsync).RequireAuthorization();
        app.MapGet("/api/v1/fault-attributes/export", ExportAttributesAsync).WithTags("Repairs").RequireAuthorization(Permissions.ArchiveFaultAttributes);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<RepairOrderSummary>>> ListAsync(
        RepairService repairs, RepairOrderState? state, bool? open, int? elevatorId, string? search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await repairs.ListAsync(new RepairOrderQuery { State = state, Open = open, ElevatorId = elevatorId, Search = search }, cancellationToken));

    private static async Task<Ok<RepairOrderDetails>> GetAsync(RepairService repairs, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(RepairOrderDetails.From(await repairs.GetAsync(id, cancellationToken)));

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

public sealed record RepairPhotoDetails(int Id, string ContentType, long Length, DateTime UploadedAtUtc);

public sealed record RepairReportRequest(int ElevatorId, string? Description, bool PassengersTrapped);

public sealed record RepairCloseClearedRequest(IReadOnlyList<int>? Ids, string? Reason);

public sealed record RepairCloseClearedResult(int Closed);

public sealed record RepairActionRequest(double? Latitude, double? Longitude, string? Cause, string? ActionsTaken, string? FaultAttribute, string? Note);
