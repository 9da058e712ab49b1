using MiniExcelLibs;

namespace TiLianBang.Core.Common;

/// <summary>STA-6: every table exports what is filtered, as Excel or CSV, with the page's own column headings.</summary>
public static class Spreadsheet
{
    public static async Task WriteAsync(Stream target, IEnumerable<IDictionary<string, object?>> rows, SpreadsheetFormat format, CancellationToken cancellationToken) =>
        await target.SaveAsAsync(rows, printHeader: true, excelType: format == SpreadsheetFormat.Csv ? ExcelType.CSV : ExcelType.XLSX, cancellationToken: cancellationToken);

    public static string ContentType(SpreadsheetFormat format) =>
        format == SpreadsheetFormat.Csv ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Extension(SpreadsheetFormat format) => format == SpreadsheetFormat.Csv ? ".csv" : ".xlsx";
}

public enum SpreadsheetFormat
{
    Xlsx = 0,
    Csv = 1,
}
