using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Monitoring;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Monitoring;

/// <summary>GIS of the mini-program (API-4, manual §6.2.5): the caller's communities near a point or by name, with their worst status.</summary>
public static class GisEndpoints
{
    public static WebApplication MapGisEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/gis").WithTags("GIS");
        api.MapGet("/communities", CommunitiesAsync).RequireAuthorization(Permissions.MonitorMap)
            .Describe("附近小区（地图监控）", "Communities near a position or by name, with elevator count and worst status");
        return app;
    }

    private static async Task<Ok<PagedList<GisCommunity>>> CommunitiesAsync(
        MobileMonitoring monitoring, double? latitude, double? longitude, string? datum, double? radius, string? name,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        return TypedResults.Ok(await monitoring.CommunitiesAsync(NearPoint.From(latitude, longitude, datum, radius), name, paging, cancellationToken));
    }
}
