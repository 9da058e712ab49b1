using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Common;
using TiLianBang.Core.Devices;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Core.Localization;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.FaultCodes;

/// <summary>故障代码 (API-8, §6.2.9): what each device code means and what to do about it, for workers on site.</summary>
public static class FaultCodeEndpoints
{
    public static WebApplication MapFaultCodeEndpoints(this WebApplication app)
    {
        app.MapGroup("/api/v1/fault-codes").WithTags("Archives").RequireAuthorization()
            .MapGet("", ListAsync)
            .Describe("故障代码及处理建议（按代码或名称搜索）", "Fault codes with advice, searchable by code or name");
        return app;
    }

    /// <summary>The catalog holds at most 999 codes, so it is searched whole and paged here.</summary>
    private static async Task<Ok<PagedList<FaultCodeResponse>>> ListAsync(
        FaultCodeService codes, string? search, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var found = await codes.SearchAsync(search is { Length: > 64 } ? search[..64] : search, cancellationToken);
        return TypedResults.Ok(new PagedList<FaultCodeResponse>(
            [.. found.Skip(paging.Skip).Take(paging.PageSize).Select(FaultCodeResponse.From)], found.Count, paging));
    }
}

public sealed record FaultCodeResponse(int Code, string Name, FaultKind Kind, FaultSeverity Severity, bool CreatesOrder, bool PassengersTrapped, string? Advice)
{
    internal static FaultCodeResponse From(FaultCode c) =>
        new(c.Code, CoreTexts.Show(c.Name, CultureInfo.CurrentUICulture), c.Kind, c.Severity, c.CreatesOrder, c.PassengersTrapped, c.Advice is null ? null : CoreTexts.Show(c.Advice, CultureInfo.CurrentUICulture));
}
