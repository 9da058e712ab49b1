using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Common;
using TiLianBang.Core.Specifications;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Specifications;

/// <summary>
/// 工作规范 (API-8, §6.2.9): the company's documents for the mini-program to read. Only the person's own company's
/// are found; another company's is 404. They are written in 系统管理 › 工作规范.
/// </summary>
public static class SpecificationEndpoints
{
    public static WebApplication MapSpecificationEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/specifications").WithTags("Specifications").RequireAuthorization();
        api.MapGet("", ListAsync)
            .Describe("工作规范列表（本单位）", "Work specifications of my company");
        api.MapGet("/{id:int}", GetAsync)
            .Describe("工作规范详情（含正文）", "A work specification with its text");
        api.MapGet("/{id:int}/pdf", PdfAsync)
            .Describe("下载工作规范的 PDF 文件", "Download a work specification's PDF");
        return app;
    }

    public static string PdfUrl(int id) => $"/api/v1/specifications/{id}/pdf";

    private static async Task<Ok<PagedList<SpecificationSummary>>> ListAsync(
        WorkSpecifications specifications, string? search, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var found = await specifications.PageAsync(search, paging, cancellationToken);
        return TypedResults.Ok(new PagedList<SpecificationSummary>([.. found.Items.Select(SpecificationSummary.From)], found.Total, paging));
    }

    private static async Task<Ok<SpecificationDetails>> GetAsync(WorkSpecifications specifications, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(SpecificationDetails.From(await specifications.GetAsync(id, cancellationToken)));

    private static async Task<Results<FileStreamHttpResult, NotFound>> PdfAsync(
        WorkSpecifications specifications, int id, CancellationToken cancellationToken)
    {
        try
        {
            if (await specifications.OpenPdfAsync(id, cancellationToken) is not { } pdf)
            {
                return TypedResults.NotFound();
            }
            return TypedResults.File(pdf.Content, "application/pdf", pdf.FileName);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // The data folder lost the file (a restore without documents): the record stays, the download is gone.
            return TypedResults.NotFound();
        }
    }
}

public sealed record SpecificationSummary(int Id, string Title, DateTimeOffset UpdatedAt, bool HasPdf)
{
    internal static SpecificationSummary From(WorkSpecification s) =>
        new(s.Id, s.Title, new DateTimeOffset(DateTime.SpecifyKind(s.UpdatedAtUtc, DateTimeKind.Utc)), s.PdfStoredName is not null);
}

/// <summary>A specification with its text and, when it has one, its PDF's name, size and address.</summary>
public sealed record SpecificationDetails(
    int Id, string Title, string Body, DateTimeOffset UpdatedAt, bool HasPdf, string? PdfFileName, long? PdfLength, string? PdfUrl)
{
    internal static SpecificationDetails From(WorkSpecification s) => new(
        s.Id, s.Title, s.Body, new DateTimeOffset(DateTime.SpecifyKind(s.UpdatedAtUtc, DateTimeKind.Utc)), s.PdfStoredName is not null,
        s.PdfStoredName is null ? null : s.PdfFileName,
        s.PdfStoredName is null ? null : s.PdfLength,
        s.PdfStoredName is null ? null : SpecificationEndpoints.PdfUrl(s.Id));
}
