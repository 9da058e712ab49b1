using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Benchmarks;

/// <summary>
/// import --rows N: an N-row archive workbook through the real import on a fresh SQLite file — refused whole for
/// one bad row, then imported, then imported again (nothing to change), then exported; then its CSV export
/// imported back, and the pathological 200 KB one-row CSV refused.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(int rows)
    {
        var data = Path.Combine(Path.GetTempPath(), "tlb-bench-import-" + Guid.NewGuid().ToString("N")[..8]);
        await using var factory = new BenchmarkFactory(data, 0);
        _ = factory.Server;
        var sheet = Enumerable.Range(1, rows).Select(n => new Dictionary<string, object?>
        {
            ["电梯编号*"] = $"BM{n:D6}", ["电梯名称*"] = $"基准小区 {n}号梯", ["电梯品种*"] = "曳引驱动乘客电梯", ["小区*"] = "金开·锦绣华庭",
            ["使用场所"] = "住宅", ["使用单位*"] = "重庆山城物业服务有限公司", ["注册代码"] = $"3110500112202401{n % 9999 + 1:D4}", ["层*"] = 18, ["站*"] = 18,
            ["门"] = 18, ["额定速度(m/s)*"] = 1.75, ["额定载重量(kg)*"] = 1000, ["安装日期"] = "2024-01-15", ["维保单位"] = "重庆渝安电梯工程有限公司",
        }).ToList();
        var bad = sheet.Select(r => new Dictionary<string, object?>(r)).ToList();
        bad[rows * 86 / 100]["层*"] = "十八";

        var refused = await TimeAsync(factory.Services, bad, (s, stream) => s.ImportAsync(stream, SpreadsheetFormat.Xlsx, CancellationToken.None));
        var imported = await TimeAsync(factory.Services, sheet, (s, stream) => s.ImportAsync(stream, SpreadsheetFormat.Xlsx, CancellationToken.None));
        var again = await TimeAsync(factory.Services, sheet, (s, stream) => s.ImportAsync(stream, SpreadsheetFormat.Xlsx, CancellationToken.None));
        var export = Stopwatch.StartNew();
        using var csv = new MemoryStream();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("benchmark");
            using var target = new MemoryStream();
            await scope.ServiceProvider.GetRequiredService<ElevatorSpreadsheet>().ExportAsync(target, null, SpreadsheetFormat.Xlsx, CancellationToken.None);
        }
        export.Stop();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("benchmark");
            await scope.ServiceProvider.GetRequiredService<ElevatorSpreadsheet>().ExportAsync(csv, new ElevatorArchiveFilter("BM"), SpreadsheetFormat.Csv, CancellationToken.None);
        }
        var csvAgain = await TimeFileAsync(factory.Services, csv.ToArray(), SpreadsheetFormat.Csv);
        // The reported pathological file: one 200 KB row of a,a,a,… (refused for its columns).
        var wide = System.Text.Encoding.UTF8.GetBytes(string.Join(",", Enumerable.Repeat("a", 100_000)) + "\r\n");
        var pathological = await TimeFileAsync(factory.Services, wide, SpreadsheetFormat.Csv);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows {rows}: refused (1 bad row) {refused.Ms} ms ({refused.Result.Errors.Count} errors), imported {imported.Ms} ms ({imported.Result.Created} created), re-import {again.Ms} ms ({again.Result.Unchanged} unchanged), export {export.ElapsedMilliseconds} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CSV export re-imported {csvAgain.Ms} ms ({csvAgain.Outcome}); 200 KB one-row CSV {pathological.Ms} ms ({pathological.Outcome})"));
        return 0;
    }

    private static async Task<(long Ms, ElevatorImportResult Result)> TimeAsync(
        IServiceProvider services, List<Dictionary<string, object?>> rows, Func<ElevatorSpreadsheet, Stream, Task<ElevatorImportResult>> import)
    {
        using var file = new MemoryStream();
        await file.SaveAsAsync(rows);
        file.Position = 0;
        await using var scope = services.CreateAsyncScope();
        await ActAsAdministratorAsync(scope.ServiceProvider);
        var watch = Stopwatch.StartNew();
        var result = await import(scope.ServiceProvider.GetRequiredService<ElevatorSpreadsheet>(), file);
        return (watch.ElapsedMilliseconds, result);
    }

    private static async Task<(long Ms, string Outcome)> TimeFileAsync(IServiceProvider services, byte[] file, SpreadsheetFormat format)
    {
        await using var scope = services.CreateAsyncScope();
        await ActAsAdministratorAsync(scope.ServiceProvider);
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<ElevatorSpreadsheet>().ImportAsync(new MemoryStream(file), format, CancellationToken.None);
            return (watch.ElapsedMilliseconds, $"{result.Unchanged} unchanged, {result.Errors.Count} errors");
        }
        catch (DomainException refused)
        {
            return (watch.ElapsedMilliseconds, "refused: " + refused.Code);
        }
    }

    /// <summary>Imports are a person's act: the demo platform administrator, with the claims a sign-in gives.</summary>
    private static async Task ActAsAdministratorAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Account>>();
        var admin = await users.FindByNameAsync(TiLianBang.Core.Demo.DemoAccounts.PlatformAdmin)
            ?? throw new InvalidOperationException("The demo administrator is missing.");
        var principal = await services.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<Account>>().CreateAsync(admin);
        services.GetRequiredService<CurrentActor>().SetUser(principal, "127.0.0.1");
    }
}
