using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Statistics;
using TiLianBang.Web.Hosting;
using TiLianBang.Web.Shared;

namespace TiLianBang.Web.Features.Statistics;

/// <summary>STA-4 投屏统计 / STA-5 投屏数据 over HTTP: the installed base by one grouping, its export, and the screen's figures.</summary>
public static class WallScreenEndpoints
{
    public static RouteGroupBuilder MapWallScreenEndpoints(this RouteGroupBuilder statistics)
    {
        var screen = statistics.MapGroup("").RequireAuthorization(Permissions.StatisticsScreen);
        screen.MapGet("/installed-base", InstalledBaseAsync)
            .Describe("装机统计（按地区、使用场景、安装年份或使用年限）", "Installed elevators by district, usage, installation year or age");
        screen.MapGet("/installed-base/export", ExportInstalledBaseAsync)
            .Describe("导出装机统计", "Export the installed elevators by district, usage, installation year or age");
        screen.MapGet("/screen", ScreenAsync)
            .Describe("投屏统计数据", "The wall screen's figures: installed base, rescue performance, maintenance completion, today's orders");
        return statistics;
    }

    private static async Task<Ok<IReadOnlyList<InstalledBaseRow>>> InstalledBaseAsync(
        InstalledBase installed, string? by, string? district, CancellationToken cancellationToken) =>
        TypedResults.Ok(await installed.ByAsync(InstalledBaseGroupings.Parse(by), district, cancellationToken));

    private static async Task<FileContentHttpResult> ExportInstalledBaseAsync(
        InstalledBase installed, TimeProvider clock, string? by, string? district, string? format, CancellationToken cancellationToken)
    {
        var grouping = InstalledBaseGroupings.Parse(by);
        var rows = await installed.ByAsync(grouping, district, cancellationToken);
        var heading = InstalledBaseGroupings.Title(grouping);
        return await SpreadsheetDownload.TableAsync($"装机统计-{heading}", format, clock,
            rows.Select(r => SpreadsheetDownload.Row((heading, r.Label), ("电梯数", r.Count))), cancellationToken);
    }

    private static async Task<Ok<WallScreenFigures>> ScreenAsync(
        InstalledBase installed, RescuePerformance rescues, MaintenanceCompletion maintenance, ScreenTimeline timeline, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var today = clock.Today();
        return TypedResults.Ok(new WallScreenFigures(
            await installed.OverviewAsync(null, cancellationToken),
            await rescues.ForAsync(StatisticsPeriod.Of(PeriodPreset.ThisMonth, today), cancellationToken),
            await maintenance.ThisMonthAsync(cancellationToken),
            await timeline.TodayAsync(cancellationToken)));
    }
}

/// <summary>What the wall screen shows besides the live status counts (those come over the live socket).</summary>
public sealed record WallScreenFigures(
    InstalledBaseOverview InstalledBase,
    RescuePerformanceFigures RescuesThisMonth,
    MaintenanceCompletionFigures MaintenanceThisMonth,
    TodayTimeline Today);
