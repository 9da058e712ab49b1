using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Elevators;

/// <summary>
/// An import is bounded by size, columns, rows and time, and a file that is not what it claims to be is refused
/// with a reason; in every case nothing is imported and the process goes on serving.
/// </summary>
public sealed class ElevatorImportLimitsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private const string Heading = "电梯编号*,电梯名称*,电梯品种*,小区*,使用单位*,层*,站*,额定速度(m/s)*,额定载重量(kg)*,维保单位";

    private static string CsvRow(string prefix, int n) => $"{prefix}{n:D5},限额测试 {n}号梯,3110,金开·锦绣华庭,重庆山城物业服务有限公司,18,18,1.75,1000,重庆渝安电梯工程有限公司";

    private static byte[] Csv(string prefix, int rows) =>
        Encoding.UTF8.GetBytes(string.Join("\r\n", Enumerable.Range(1, rows).Select(n => CsvRow(prefix, n)).Prepend(Heading)) + "\r\n");

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] file, string fileName, CancellationToken cancellationToken = default)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(file), "file", fileName } };
        return await client.PostAsync("/api/v1/elevators/import", content, cancellationToken);
    }

    private Task<HttpClient> ManagerAsync() => app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

    private Task<int> CountAsync(string prefix) => app.AsSystemAsync((_, db) => db.Elevators.CountAsync(e => e.Number.StartsWith(prefix)));

    private static async Task<(HttpStatusCode Status, string? Code, string? Title)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        return (response.StatusCode, problem?.Extensions["code"]?.ToString(), problem?.Title);
    }

    private static byte[] WideWorkbook(int columns)
    {
        var row = Enumerable.Range(1, columns).ToDictionary(c => $"列{c}", c => (object?)"a");
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { row });
        return stream.ToArray();
    }

    public static TheoryData<string, string, byte[]> TooWideFiles => new()
    {
        // The reported file: one 200 KB heading row of a,a,a,…
        { "a CSV heading", "elevators.csv", Encoding.UTF8.GetBytes(string.Join(",", Enumerable.Repeat("a", 100_000)) + "\r\n") },
        { "a CSV data row", "elevators.csv", Encoding.UTF8.GetBytes(Heading + "\r\n" + string.Join(",", Enumerable.Repeat("a", 100_000)) + "\r\n") },
        { "a workbook", "elevators.xlsx", WideWorkbook(300) },
    };

    [Theory]
    [MemberData(nameof(TooWideFiles))]
    public async Task AFileWiderThanTheLimitIsRefusedForItsColumnsInSecondsNotMinutes(string what, string fileName, byte[] file)
    {
        var client = await ManagerAsync();
        // A guard on the wall clock, not a measurement: before the fix the 200 KB row pinned a core for minutes.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var response = await ImportAsync(client, file, fileName, guard.Token);
        var (status, code, title) = await ProblemAsync(response);

        Assert.True(status == HttpStatusCode.RequestEntityTooLarge, $"{what}: {status} {title}");
        Assert.Equal("spreadsheet.too_many_columns", code);
        Assert.Contains("200", title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreRowsThanTheLimitAreRefusedAndNothingIsImported()
    {
        var client = await ManagerAsync();

        var response = await ImportAsync(client, Csv("RW", 20_001), "elevators.csv");
        var (status, code, title) = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("spreadsheet.too_many_rows", code);
        Assert.Contains("20000", title?.Replace(",", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("RW"));
    }

    [Fact]
    public async Task AFileOverTwentyMegabytesIsRefusedAsTooLarge()
    {
        var client = await ManagerAsync();
        var file = Encoding.UTF8.GetBytes(Heading + "\r\n" + CsvRow("SZ", 1) + "\r\n" + new string(' ', 20 * 1024 * 1024));

        var response = await ImportAsync(client, file, "elevators.csv");
        var (status, code, title) = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("spreadsheet.too_large", code);
        Assert.Contains("20 MB", title, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SZ"));
    }

    [Fact]
    public async Task AWorkbookThatUnpacksBeyondTheLimitIsRefusedAsTooLarge()
    {
        var client = await ManagerAsync();
        // 101 MB of zeros packs into a few hundred KB: a small upload that would unpack into a large one.
        using var stream = new MemoryStream();
        stream.Write(Workbook());
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var padding = zip.CreateEntry("xl/media/padding.bin", CompressionLevel.Fastest).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 101; i++)
            {
                padding.Write(zeros);
            }
        }
        Assert.True(stream.Length < 2 * 1024 * 1024);

        var response = await ImportAsync(client, stream.ToArray(), "elevators.xlsx");
        var (status, code, title) = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("spreadsheet.too_large", code);
        Assert.Contains("解压", title, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("MF"));
    }

    [Fact]
    public async Task AnImportThatRunsPastItsTimeBudgetStopsAndImportsNothing()
    {
        var client = await ManagerAsync();
        var file = Csv("TB", 300);
        HttpResponseMessage response;
        // Each reading of the clock moves it a second on: the minute's budget is spent within the file's 300 rows.
        app.Clock.AutoAdvanceAmount = TimeSpan.FromSeconds(1);
        try
        {
            response = await ImportAsync(client, file, "elevators.csv");
        }
        finally
        {
            app.Clock.AutoAdvanceAmount = TimeSpan.Zero;
        }
        var (status, code, title) = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("spreadsheet.too_slow", code);
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.Equal(0, await CountAsync("TB"));

        // The same file within its budget goes in.
        var again = await ImportAsync(client, file, "elevators.csv");
        Assert.True(again.StatusCode == HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        Assert.Equal(300, await CountAsync("TB"));
    }

    private static byte[] Workbook()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object?> { ["电梯编号*"] = "MF00001", ["电梯名称*"] = "坏文件测试" } });
        return stream.ToArray();
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }
        return stream.ToArray();
    }

    private static byte[] WorkbookWithSheet(string sheetXml)
    {
        using var stream = new MemoryStream();
        stream.Write(Workbook());
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/worksheets/sheet1.xml")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(sheetXml);
        }
        return stream.ToArray();
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(12).NextBytes(bytes);
        return bytes;
    }

    public static TheoryData<string, string, byte[], string> MalformedFiles => new()
    {
        { "random bytes", "elevators.xlsx", RandomBytes(4096), "spreadsheet.not_xlsx" },
        { "zero bytes", "elevators.xlsx", [], "spreadsheet.empty" },
        { "an empty CSV", "elevators.csv", [], "spreadsheet.empty" },
        { "a zip without a workbook", "elevators.xlsx", Zip(("readme.txt", "not a workbook")), "spreadsheet.no_worksheet" },
        { "a CSV renamed .xlsx", "elevators.xlsx", Csv("MF", 3), "spreadsheet.not_xlsx" },
        { "a truncated workbook", "elevators.xlsx", Workbook()[..(Workbook().Length / 2)], "spreadsheet.not_xlsx" },
        { "a workbook whose sheet is not XML", "elevators.xlsx", WorkbookWithSheet("this is not xml <<<"), "spreadsheet.unreadable" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task AMalformedFileIsRefusedWithAReasonAndTheServerKeepsServing(string what, string fileName, byte[] file, string expectedCode)
    {
        var client = await ManagerAsync();

        var response = await ImportAsync(client, file, fileName);
        var (status, code, title) = await ProblemAsync(response);

        Assert.True(status == HttpStatusCode.BadRequest, $"{what}: {status} {title}");
        Assert.Equal(expectedCode, code);
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.Equal(0, await CountAsync("MF"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
