using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Organizations;
using TiLianBang.Web.Shared;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Organizations;

/// <summary>Companies and communities over HTTP: lists with the pages' filters, and their exports (STA-6).</summary>
public static class OrganizationEndpoints
{
    private static readonly Dictionary<string, CompanyKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["manufacturers"] = CompanyKind.Manufacturer,
        ["user-units"] = CompanyKind.UserUnit,
        ["supervisors"] = CompanyKind.Supervisor,
        ["maintenance-companies"] = CompanyKind.MaintenanceCompany,
        ["inspection-agencies"] = CompanyKind.InspectionAgency,
    };

    public static WebApplication MapOrganizationEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Organizations").DisableAntiforgery();
        api.MapGet("/companies/{kind}", ListAsync).RequireAuthorization().Describe("单位列表（按类型）", "List companies of a kind");
        api.MapGet("/companies/{kind}/export", ExportAsync).RequireAuthorization().Describe("导出单位", "Export companies of a kind");
        api.MapGet("/communities", CommunitiesAsync).RequireAuthorization(Permissions.ArchiveCommunities).Describe("小区列表", "List communities");
        api.MapGet("/communities/export", ExportCommunitiesAsync).RequireAuthorization(Permissions.ArchiveCommunities).Describe("导出小区", "Export communities");
        return app;
    }

    private static async Task<Results<Ok<PagedList<Company>>, NotFound, ForbidHttpResult>> ListAsync(
        CompanyDirectory companies, CurrentActor actor, string kind, string? search, string? region, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!Kinds.TryGetValue(kind, out var companyKind))
        {
            return TypedResults.NotFound();
        }
        if (!actor.HasPermission(CompanyDirectory.PermissionFor(companyKind)))
        {
            return TypedResults.Forbid();
        }
        var paging = Paging.From(page, pageSize);
        return TypedResults.Ok((await companies.ListAsync(companyKind, search, region, cancellationToken)).ToPagedList(paging));
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ForbidHttpResult>> ExportAsync(
        CompanyDirectory companies, CurrentActor actor, TimeProvider clock, string kind, string? search, string? region, string? format, CancellationToken cancellationToken)
    {
        if (!Kinds.TryGetValue(kind, out var companyKind))
        {
            return TypedResults.NotFound();
        }
        if (!actor.HasPermission(CompanyDirectory.PermissionFor(companyKind)))
        {
            return TypedResults.Forbid();
        }
        var rows = await companies.ListAsync(companyKind, search, region, cancellationToken);
        return await FileAsync(rows.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["单位名称"] = c.Name, ["省"] = c.Region.Province, ["市"] = c.Region.City, ["区县"] = c.Region.District, ["地址"] = c.Address,
            ["单位类别"] = c.UnitCategory, ["联系人"] = c.ContactPerson, ["联系电话"] = c.ContactPhone, ["统一社会信用代码"] = c.CreditCode,
        }), CompanyKinds.Title(companyKind), clock, format, cancellationToken);
    }

    private static async Task<Ok<PagedList<CommunityRow>>> CommunitiesAsync(
        CommunityDirectory communities, string? search, string? region, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        return TypedResults.Ok((await communities.ListAsync(search, region, cancellationToken)).ToPagedList(paging));
    }

    private static async Task<FileContentHttpResult> ExportCommunitiesAsync(
        CommunityDirectory communities, TimeProvider clock, string? search, string? region, string? format, CancellationToken cancellationToken)
    {
        var rows = await communities.ListAsync(search, region, cancellationToken);
        return await FileAsync(rows.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["小区名称"] = c.Name, ["省"] = c.Region.Province, ["市"] = c.Region.City, ["区县"] = c.Region.District, ["地址"] = c.Address,
            ["纬度(WGS-84)"] = c.Latitude, ["经度(WGS-84)"] = c.Longitude, ["电梯数"] = c.ElevatorCount,
        }), "小区", clock, format, cancellationToken);
    }

    private static Task<FileContentHttpResult> FileAsync(
        IEnumerable<IDictionary<string, object?>> rows, string title, TimeProvider clock, string? format, CancellationToken cancellationToken) =>
        SpreadsheetDownload.FileAsync(title, format, clock, (stream, kind) => Spreadsheet.WriteAsync(stream, rows, kind, cancellationToken));
}
