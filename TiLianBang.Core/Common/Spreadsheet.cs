using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace TiLianBang.Core.Common;

/// <summary>
/// STA-6: every table exports what is filtered, as Excel or CSV, with the page's own column headings. Every export
/// goes through <see cref="WriteAsync"/>, so no cell of any export becomes a formula: XLSX cells are written as
/// values (text stays text, never a formula element), and CSV text cells that a spreadsheet program would run are
/// escaped by <see cref="FormulaEscape"/>.
/// </summary>
public static class Spreadsheet
{
    // Excel reads a CSV as UTF-8 only when it starts with the byte order mark.
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private static readonly CsvConfiguration CsvFormat = new(CultureInfo.InvariantCulture) { NewLine = "\r\n" };

    public static async Task WriteAsync(Stream target, IEnumerable<IDictionary<string, object?>> rows, SpreadsheetFormat format, CancellationToken cancellationToken)
    {
        if (format == SpreadsheetFormat.Xlsx)
        {
            await target.SaveAsAsync(rows, printHeader: true, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
            return;
        }
        await using var csv = new CsvWriter(new StreamWriter(target, Utf8WithBom, leaveOpen: true), CsvFormat);
        IReadOnlyList<string>? columns = null;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (columns is null)
            {
                columns = [.. row.Keys];
                foreach (var column in columns)
                {
                    WriteCell(csv, column);
                }
                await csv.NextRecordAsync();
            }
            foreach (var column in columns)
            {
                WriteCell(csv, row.TryGetValue(column, out var value) ? value : null);
            }
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    /// <summary>
    /// Only text is escaped. A number's invariant text is digits, a sign, a point and an exponent, which no
    /// spreadsheet program runs, so a floor of -1 or a western longitude stays a number instead of becoming '-1.
    /// </summary>
    private static void WriteCell(CsvWriter csv, object? value)
    {
        switch (value)
        {
            case null:
                csv.WriteField(string.Empty);
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                csv.WriteField(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                var text = value switch
                {
                    DateTime dateTime => dateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
                };
                if (FormulaEscape.NeedsEscape(text))
                {
                    // OWASP: the quote in front, and the cell in double quotes.
                    csv.WriteField(FormulaEscape.Escape(text), shouldQuote: true);
                }
                else
                {
                    csv.WriteField(text);
                }
                break;
        }
    }

    public static string ContentType(SpreadsheetFormat format) =>
        format == SpreadsheetFormat.Csv ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Extension(SpreadsheetFormat format) => format == SpreadsheetFormat.Csv ? ".csv" : ".xlsx";
}

public enum SpreadsheetFormat
{
    Xlsx = 0,
    Csv = 1,
}
