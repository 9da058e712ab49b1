using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using MiniExcelLibs;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Elevators;
using TiLianBang.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TiLianBang.Tests.Elevators;

/// <summary>ARC-3 / STA-6: import all or nothing with errors by row and column; export round-trips through import.</summary>
public sealed class ElevatorImportTests(TiLianBangAppFactory app, ITestOutputHelper output) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<T> AsAsync<T>(string userName, Func<ElevatorSpreadsheet, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await work(scope.ServiceProvider.GetRequiredService<ElevatorSpreadsheet>());
    }

    private static Dictionary<string, object?> Row(int n) => new()
    {
        ["电梯编号*"] = $"IM{n:D5}", ["电梯名称*"] = $"导入小区 {n}号梯", ["电梯品种*"] = n % 2 == 0 ? "曳引驱动乘客电梯" : "3110", ["电梯类型"] = "住宅电梯",
        ["小区*"] = "金开·锦绣华庭", ["使用场所"] = "住宅", ["使用单位*"] = "重庆山城物业服务有限公司", ["注册代码"] = $"3110500112202401{n % 9999 + 1:D4}",
        ["层*"] = 18, ["站*"] = 18, ["门"] = 18, ["额定速度(m/s)*"] = 1.75, ["额定载重量(kg)*"] = 1000, ["安装日期"] = "2024-01-15",
        ["维保单位"] = "重庆渝安电梯工程有限公司", ["下次检验日期"] = "2027-01-15",
    };

    private static async Task<MemoryStream> XlsxAsync(IEnumerable<Dictionary<string, object?>> rows)
    {
        var stream = new MemoryStream();
        await stream.SaveAsAsync(rows);
        stream.Position = 0;
        return stream;
    }

    private Task<int> CountAsync(string prefix) => app.AsSystemAsync((_, db) => db.Elevators.CountAsync(e => e.Number.StartsWith(prefix)));

    [Fact]
    public async Task FiveThousandRowsWithOneBadRowImportNothingThenEverythingOnce()
    {
        var rows = Enumerable.Range(1, 5000).Select(Row).ToList();
        // Excel row 4,321 is data row 4,320 (the heading is row 1).
        rows[4319]["层*"] = "十八";
        rows[4319]["使用单位*"] = "不存在的物业";

        var watch = Stopwatch.StartNew();
        var refused = await AsAsync(DemoAccounts.MaintenanceManager, async s => await s.ImportAsync(await XlsxAsync(rows), SpreadsheetFormat.Xlsx, default));
        output.WriteLine($"5,000 rows checked and refused in {watch.ElapsedMilliseconds} ms");

        Assert.False(refused.Succeeded);
        Assert.All(refused.Errors, e => Assert.Equal(4321, e.Row));
        Assert.Contains(refused.Errors, e => e.Column == "层*" && e.Message.Contains("不是整数", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Column == "使用单位*" && e.Message.Contains("不存在的物业", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync("IM"));

        rows[4319]["层*"] = 18;
        rows[4319]["使用单位*"] = "重庆山城物业服务有限公司";
        watch.Restart();
        var imported = await AsAsync(DemoAccounts.MaintenanceManager, async s => await s.ImportAsync(await XlsxAsync(rows), SpreadsheetFormat.Xlsx, default));
        output.WriteLine($"5,000 rows imported in {watch.ElapsedMilliseconds} ms");
        var again = await AsAsync(DemoAccounts.MaintenanceManager, async s => await s.ImportAsync(await XlsxAsync(rows), SpreadsheetFormat.Xlsx, default));

        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Take(3)));
        Assert.Equal(5000, imported.Created);
        Assert.Equal(5000, await CountAsync("IM"));
        Assert.Equal((0, 0, 5000), (again.Created, again.Updated, again.Unchanged));
        var sample = await app.AsSystemAsync((_, db) => db.Elevators.Include(e => e.Community).SingleAsync(e => e.Number == "IM04320"));
        Assert.Equal(ElevatorVariety.TractionPassenger, sample.Variety);
        Assert.Equal("金开·锦绣华庭", sample.Community!.Name);
        Assert.Equal(new DateOnly(2027, 1, 15), sample.NextInspectionDate);
    }

    [Fact]
    public async Task AnExportEditedInAWorkbookComesBackAsExactlyThatEdit()
    {
        using var exported = new MemoryStream();
        await AsAsync(DemoAccounts.MaintenanceManager, async s => { await s.ExportAsync(exported, new ElevatorArchiveFilter("CQ00"), SpreadsheetFormat.Xlsx, default); return 0; });
        exported.Position = 0;
        var rows = (await exported.QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object?>>()
            .Select(r => new Dictionary<string, object?>(r)).ToList();
        var visible = await AsAsync(DemoAccounts.MaintenanceManager, _ => app.AsSystemAsync((_, db) =>
            db.Elevators.CountAsync(e => e.Number.StartsWith("CQ00") && (e.MaintenanceCompany!.Name == "重庆渝安电梯工程有限公司"))));
        Assert.Equal(visible, rows.Count);

        var unchanged = await AsAsync(DemoAccounts.MaintenanceManager, async s => await s.ImportAsync(await XlsxAsync(rows), SpreadsheetFormat.Xlsx, default));
        Assert.Equal((0, 0, rows.Count), (unchanged.Created, unchanged.Updated, unchanged.Unchanged));

        var number = (string)rows[0]["电梯编号*"]!;
        rows[0]["品牌"] = "通力（改）";
        var edited = await AsAsync(DemoAccounts.MaintenanceManager, async s => await s.ImportAsync(await XlsxAsync(rows), SpreadsheetFormat.Xlsx, default));

        Assert.Equal((0, 1), (edited.Created, edited.Updated));
        Assert.Equal("通力（改）", await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == number).Select(e => e.Brand).SingleAsync()));
    }

    [Fact]
    public async Task ACsvExportHasTheSameColumnsAndATemplateHasEveryColumn()
    {
        using var csv = new MemoryStream();
        await AsAsync(DemoAccounts.PlatformAdmin, async s => { await s.ExportAsync(csv, new ElevatorArchiveFilter("CQ0001"), SpreadsheetFormat.Csv, default); return 0; });
        var text = System.Text.Encoding.UTF8.GetString(csv.ToArray());
        Assert.StartsWith(string.Join(",", ElevatorSpreadsheet.Columns), text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("CQ0001", text, StringComparison.Ordinal);

        using var template = new MemoryStream();
        await ElevatorSpreadsheet.WriteTemplateAsync(template, default);
        template.Position = 0;
        Assert.Equal(ElevatorSpreadsheet.Columns, template.GetColumns(useHeaderRow: true).Cast<string>());
        Assert.Contains("填写说明", template.GetSheetNames());
    }

    [Fact]
    public async Task AFormulaLikeFieldIsEscapedInTheCsvExportAndImportsBackAsTheSameText()
    {
        var row = Row(1);
        row["电梯编号*"] = "FX0001";
        row["品牌"] = "=HYPERLINK(\"http://evil.example/\",\"通力\")";
        row["型号"] = "@KONE";
        row["出厂编号"] = "-2024-001";
        var created = await AsAsync(DemoAccounts.MaintenanceManager, async s => await s.ImportAsync(await XlsxAsync([row]), SpreadsheetFormat.Xlsx, default));
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));

        var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var csv = await manager.GetStringAsync("/api/v1/elevators/export?format=csv&search=FX0001");

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"通力\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'@KONE\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'-2024-001\"", csv, StringComparison.Ordinal);

        using var content = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "elevators.csv" } };
        var back = await manager.PostAsync("/api/v1/elevators/import", content);
        var result = await back.Content.ReadFromJsonAsync<ElevatorImportResult>();

        Assert.Equal(System.Net.HttpStatusCode.OK, back.StatusCode);
        Assert.Equal((0, 0, 1), (result!.Created, result.Updated, result.Unchanged));
        var stored = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "FX0001").Select(e => new { e.Brand, e.Model, e.FactoryNumber }).SingleAsync());
        Assert.Equal(("=HYPERLINK(\"http://evil.example/\",\"通力\")", "@KONE", "-2024-001"), (stored.Brand, stored.Model, stored.FactoryNumber));
    }

    [Fact]
    public async Task OverHttpTheExportIsScopedAndABadImportIsRefusedWithItsErrors()
    {
        var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var export = await manager.GetAsync("/api/v1/elevators/export?format=csv");
        var csv = await export.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains("CQ0001", csv, StringComparison.Ordinal);
        // CQ0003 is 两江's: 渝安 does not see it, so it does not export it either.
        Assert.DoesNotContain("CQ0003", csv, StringComparison.Ordinal);

        var bad = Row(1);
        bad["电梯品种*"] = "飞船";
        using var file = await XlsxAsync([bad]);
        var content = new MultipartFormDataContent { { new StreamContent(file), "file", "elevators.xlsx" } };
        var refused = await manager.PostAsync("/api/v1/elevators/import", content);
        var result = await refused.Content.ReadFromJsonAsync<ElevatorImportResult>();

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal((2, "电梯品种*"), (result!.Errors[0].Row, result.Errors[0].Column));

        var userUnit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        using var again = await XlsxAsync([Row(2)]);
        var forbidden = await userUnit.PostAsync("/api/v1/elevators/import", new MultipartFormDataContent { { new StreamContent(again), "file", "elevators.xlsx" } });
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
