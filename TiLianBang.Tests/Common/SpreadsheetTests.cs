using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using TiLianBang.Core.Common;

namespace TiLianBang.Tests.Common;

/// <summary>STA-6 exports: a cell never becomes a formula in the spreadsheet program that opens it (OWASP CSV injection).</summary>
public sealed class SpreadsheetTests
{
    // The cell types that hold text as it is: a formula string, an inline string, a shared string.
    private static readonly string?[] TextCellTypes = ["str", "inlineStr", "s"];

    private static Dictionary<string, object?> Row(string column, object? value) => new() { [column] = value };

    private static async Task<string> CsvAsync(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        await Spreadsheet.WriteAsync(stream, rows, SpreadsheetFormat.Csv, default);
        return Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF');
    }

    public static TheoryData<string, string> FormulaLikeText => new()
    {
        { "=1+2", "\"'=1+2\"" },
        { "+8613800000000", "\"'+8613800000000\"" },
        { "-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\"" },
        { "@SUM(A1:A2)", "\"'@SUM(A1:A2)\"" },
        { "\t=1+2", "\"'\t=1+2\"" },
        { "\r=1+2", "\"'\r=1+2\"" },
        { "=HYPERLINK(\"http://evil.example/\",\"通力\")", "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"通力\"\")\"" },
    };

    [Theory]
    [MemberData(nameof(FormulaLikeText))]
    public async Task ACsvCellThatCouldStartAFormulaIsPrefixedWithAQuoteAndQuoted(string text, string written)
    {
        Assert.Equal($"品牌\r\n{written}\r\n", await CsvAsync(Row("品牌", text)));
    }

    public static TheoryData<string, string> OrdinaryText => new()
    {
        { "通力", "通力" },
        { "KONE 3000", "KONE 3000" },
        { "1-2栋", "1-2栋" },
        { "a,b", "\"a,b\"" },
        { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    };

    [Theory]
    [MemberData(nameof(OrdinaryText))]
    public async Task OrdinaryCsvCellsAreWrittenAsTheyAre(string text, string written)
    {
        Assert.Equal($"品牌\r\n{written}\r\n", await CsvAsync(Row("品牌", text)));
    }

    [Fact]
    public async Task NumbersInACsvStayNumbersEvenWhenNegative()
    {
        var csv = await CsvAsync(new Dictionary<string, object?> { ["层"] = -1, ["经度"] = -0.1275, ["速度"] = -1.5m, ["空"] = null });

        Assert.Equal("层,经度,速度,空\r\n-1,-0.1275,-1.5,\r\n", csv);
    }

    [Fact]
    public async Task AnEscapedCsvReadsBackAsTheTextThatWasExported()
    {
        var texts = FormulaLikeText.Select(row => (string)row[0]).Concat(OrdinaryText.Select(row => (string)row[0]))
            // A quote before ordinary text is the text's own, not an escape.
            .Append("'quoted").Append("''=twice").ToList();
        using var csv = new MemoryStream();
        await Spreadsheet.WriteAsync(csv, texts.Select(t => (IDictionary<string, object?>)Row("品牌", t)), SpreadsheetFormat.Csv, default);
        csv.Position = 0;

        using var deadline = new ImportDeadline(new FakeTimeProvider(), SpreadsheetLimits.TimeBudget, default);
        var table = await SpreadsheetReader.ReadAsync(csv, SpreadsheetFormat.Csv, deadline);

        Assert.Equal(["品牌"], table.Headings);
        Assert.Equal(texts, table.Rows.Select(r => (string?)r.Cells["品牌"]));
        Assert.Equal(Enumerable.Range(2, texts.Count), table.Rows.Select(r => r.Number));
    }

    [Fact]
    public async Task AnXlsxCellThatLooksLikeAFormulaIsStoredAsText()
    {
        using var stream = new MemoryStream();
        await Spreadsheet.WriteAsync(stream, [Row("品牌", "=1+2"), Row("品牌", "=HYPERLINK(\"http://evil.example/\",\"x\")")], SpreadsheetFormat.Xlsx, default);

        using var zip = new ZipArchive(new MemoryStream(stream.ToArray()));
        await using var sheetXml = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var sheet = await XDocument.LoadAsync(sheetXml, LoadOptions.None, default);
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var cells = sheet.Descendants(main + "c").ToList();

        Assert.Empty(sheet.Descendants(main + "f"));
        foreach (var value in new[] { "=1+2", "=HYPERLINK(\"http://evil.example/\",\"x\")" })
        {
            var cell = Assert.Single(cells, c => (string?)c.Element(main + "v") == value || (string?)c.Element(main + "is") == value);
            Assert.Contains((string?)cell.Attribute("t"), TextCellTypes);
        }
    }
}
