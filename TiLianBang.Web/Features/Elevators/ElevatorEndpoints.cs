using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Monitoring;
using TiLianBang.Web.Shared;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Elevators;

/// <summary>Elevator archives over HTTP. Scoping is the DbContext's; another company's elevator is a 404 here.</summary>
public static class ElevatorEndpoints
{
    public static WebApplication MapElevatorEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/elevators").WithTags("Elevators").DisableAntiforgery();
        api.MapGet("/", ListAsync).RequireAuthorization(Permissions.ArchiveElevatorsView).Describe("电梯档案列表", "List elevators");
        api.MapGet("/{id:int}", GetAsync).RequireAuthorization(Permissions.ArchiveElevatorsView).Describe("电梯概要", "One elevator");
        api.MapGet("/{id:int}/archive", ArchiveAsync).RequireAuthorization(Permissions.ArchiveElevatorsView).Describe("电梯档案", "An elevator's archive");
        api.MapPost("/", CreateAsync).RequireAuthorization(Permissions.ArchiveElevatorsEdit).Describe("新增电梯", "Create an elevator");
        api.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(Permissions.ArchiveElevatorsEdit).Describe("修改电梯档案", "Update an elevator's archive");
        api.MapPost("/batch", BatchAsync).RequireAuthorization(Permissions.ArchiveElevatorsEdit).Describe("批量修改", "Change many elevators at once");
        api.MapGet("/export", ExportAsync).RequireAuthorization(Permissions.ArchiveElevatorsView).Describe("导出电梯档案", "Export elevators");
        api.MapGet("/import-template", TemplateAsync).RequireAuthorization(Permissions.ArchiveElevatorsEdit).Describe("导入模板", "Import template");
        api.MapPost("/import", ImportAsync).RequireAuthorization(Permissions.ArchiveElevatorsEdit)
            .Describe("导入电梯档案", "Import elevators from a spreadsheet")
            // The server cuts off a body far beyond the limit; one just beyond it reaches the import, whose refusal says why.
            .WithMetadata(new RequestSizeLimitAttribute(ImportBodyLimit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = ImportBodyLimit });
        api.MapGet("/{id:int}/qr.svg", QrAsync).RequireAuthorization(Permissions.ArchiveElevatorsView).Describe("电梯二维码", "The elevator's QR code (SVG)");
        api.MapPost("/{id:int}/public-token", RenewTokenAsync).RequireAuthorization(Permissions.ArchiveElevatorsEdit).Describe("更换二维码", "Renew the QR code's token");
        return app;
    }

    private static async Task<Ok<PagedList<ElevatorSummary>>> ListAsync(
        ElevatorService elevators, string? search, string? expiring, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await elevators.PageAsync(Filter(search, expiring), Paging.From(page, pageSize), cancellationToken));

    /// <summary>电梯档案管理's filters as its list and export links pass them; an unknown expiry is a 400, not "no filter".</summary>
    private static ElevatorArchiveFilter Filter(string? search, string? expiring) =>
        new(search, QueryValues.EnumOrNull<ArchiveExpiry>(expiring, "expiring"));

    private static async Task<Ok<ElevatorDetails>> GetAsync(ElevatorService elevators, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(ElevatorDetails.From(await elevators.GetAsync(id, cancellationToken)));

    private static async Task<Ok<ElevatorArchive>> ArchiveAsync(ElevatorService elevators, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(ElevatorArchive.Of(await elevators.GetAsync(id, cancellationToken)));

    private static async Task<Created<ElevatorDetails>> CreateAsync(
        ElevatorArchives archives, ElevatorService elevators, ElevatorArchive archive, CancellationToken cancellationToken)
    {
        var created = await archives.CreateAsync(archive, cancellationToken);
        return TypedResults.Created($"/api/v1/elevators/{created.Id}", ElevatorDetails.From(await elevators.GetAsync(created.Id, cancellationToken)));
    }

    private static async Task<NoContent> UpdateAsync(ElevatorArchives archives, int id, ElevatorArchive archive, CancellationToken cancellationToken)
    {
        await archives.UpdateAsync(id, archive, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<FileContentHttpResult> ExportAsync(
        ElevatorSpreadsheet spreadsheet, TimeProvider clock, string? search, string? expiring, string? format, CancellationToken cancellationToken)
    {
        var filter = Filter(search, expiring);
        return SpreadsheetDownload.FileAsync("电梯档案", format, clock, (stream, kind) => spreadsheet.ExportAsync(stream, filter, kind, cancellationToken));
    }

    private static async Task<FileContentHttpResult> TemplateAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await ElevatorSpreadsheet.WriteTemplateAsync(buffer, cancellationToken);
        return TypedResults.File(buffer.ToArray(), Spreadsheet.ContentType(SpreadsheetFormat.Xlsx), "电梯档案导入模板.xlsx");
    }

    private static async Task<Results<Ok<ElevatorImportResult>, UnprocessableEntity<ElevatorImportResult>, ProblemHttpResult>> ImportAsync(
        ElevatorSpreadsheet spreadsheet, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return TypedResults.Problem(statusCode: 400, title: CoreTexts.Show("请选择 Excel（.xlsx）或 CSV 文件。", CultureInfo.CurrentUICulture), extensions: new Dictionary<string, object?> { ["code"] = "elevator.import_file_missing" });
        }
        var format = file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? SpreadsheetFormat.Csv : SpreadsheetFormat.Xlsx;
        await using var content = file.OpenReadStream();
        var result = await spreadsheet.ImportAsync(content, format, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result) : TypedResults.UnprocessableEntity(result);
    }

    // The file plus room for the multipart envelope.
    private const long ImportBodyLimit = SpreadsheetLimits.MaxBytes + 1024 * 1024;

    private static async Task<ContentHttpResult> QrAsync(ElevatorService elevators, QrCodes codes, HttpContext http, int id, CancellationToken cancellationToken)
    {
        var elevator = await elevators.GetAsync(id, cancellationToken);
        return TypedResults.Content(codes.Svg(codes.PublicUrl(http.Request, elevator.PublicToken)), "image/svg+xml");
    }

    private static async Task<NoContent> RenewTokenAsync(ElevatorArchives archives, int id, CancellationToken cancellationToken)
    {
        await archives.RenewPublicTokenAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<int>> BatchAsync(ElevatorArchives archives, ElevatorBatchRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await archives.BatchUpdateAsync(request.ElevatorIds, request.Change, cancellationToken));
}

public sealed record ElevatorBatchRequest(IReadOnlyList<int> ElevatorIds, ElevatorBatchChange Change);
