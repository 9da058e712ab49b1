using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace TiLianBang.Core.Common;

/// <summary>
/// Reads an uploaded sheet for an import within <see cref="SpreadsheetLimits"/> and an <see cref="ImportDeadline"/>,
/// or refuses it with a <see cref="DomainException"/> that says why. Work per row is bounded by the column limit and
/// the rows by the row limit and the deadline, so no file can pin a core.
/// <para>CSV is read by CsvHelper, in time linear in the file. MiniExcel 1.46's CSV reader splits each line with a
/// regular expression whose look-ahead rescans the rest of the line at every comma: quadratic, so a 200 KB line of
/// a,a,a,… took minutes. It also split cells at tabs, which CSV does not.</para>
/// <para>XLSX is read by MiniExcel, once the file has been checked to be a zip holding a workbook of bounded unpacked
/// size, and never beyond column <see cref="SpreadsheetLimits.MaxColumns"/> + 1.</para>
/// </summary>
public static class SpreadsheetReader
{
    private static readonly CsvConfiguration CsvFormat = new(CultureInfo.InvariantCulture)
    {
        // Hand-made files have stray quotes and short rows; read them as written rather than refuse the file.
        BadDataFound = null,
        MissingFieldFound = null,
    };

    public static async Task<SpreadsheetTable> ReadAsync(Stream source, SpreadsheetFormat format, ImportDeadline deadline)
    {
        var file = await BufferAsync(source, deadline.Token);
        if (file.Length == 0)
        {
            throw new DomainException("spreadsheet.empty", "文件为空，请选择填好的导入模板。");
        }
        // Parsing is CPU work: off the caller's thread (a request's or a Blazor circuit's).
        return await Task.Run(() => format == SpreadsheetFormat.Csv ? ReadCsv(file, deadline) : ReadXlsx(file, deadline), deadline.Token);
    }

    private static async Task<MemoryStream> BufferAsync(Stream source, CancellationToken cancellationToken)
    {
        if (source.CanSeek && source.Length - source.Position > SpreadsheetLimits.MaxBytes)
        {
            throw SpreadsheetLimits.TooLarge();
        }
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > SpreadsheetLimits.MaxBytes)
            {
                throw SpreadsheetLimits.TooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        return buffer;
    }

    private static SpreadsheetTable ReadCsv(MemoryStream file, ImportDeadline deadline)
    {
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, CsvFormat);
        string[]? headings = null;
        var rows = new List<SpreadsheetRow>();
        var number = 0;
        try
        {
            while (parser.Read())
            {
                deadline.ThrowIfSpent();
                number++;
                if (parser.Count > SpreadsheetLimits.MaxColumns)
                {
                    throw SpreadsheetLimits.TooManyColumns(number);
                }
                var fields = parser.Record ?? [];
                if (headings is null)
                {
                    headings = fields;
                    continue;
                }
                var cells = new Dictionary<string, object?>(headings.Length);
                for (var i = 0; i < headings.Length; i++)
                {
                    cells[headings[i]] = i < fields.Length ? FormulaEscape.Unescape(fields[i]) : null;
                }
                Add(rows, number, cells);
            }
        }
        catch (CsvHelperException e)
        {
            throw new DomainException("spreadsheet.unreadable", $"CSV 文件第 {number} 行格式有误，无法读取。", innerException: e);
        }
        return new SpreadsheetTable(headings ?? [], rows);
    }

    private static SpreadsheetTable ReadXlsx(MemoryStream file, ImportDeadline deadline)
    {
        CheckWorkbook(file);
        file.Position = 0;
        IReadOnlyList<string> headings = [];
        var rows = new List<SpreadsheetRow>();
        try
        {
            // MiniExcel yields blank rows too, so the n-th row read is the sheet's row n + 1.
            var number = 1;
            var sheet = file.QueryRange(useHeaderRow: true, excelType: ExcelType.XLSX, startRowIndex: 1, startColumnIndex: 1,
                endRowIndex: null, endColumnIndex: SpreadsheetLimits.MaxColumns + 1);
            foreach (var row in sheet.Cast<IDictionary<string, object?>>())
            {
                deadline.ThrowIfSpent();
                number++;
                if (number == 2)
                {
                    // With a heading row, every row has the headings' keys; one past the limit means too many.
                    if (row.Count > SpreadsheetLimits.MaxColumns)
                    {
                        throw SpreadsheetLimits.TooManyColumns(1);
                    }
                    headings = [.. row.Keys];
                }
                var cells = new Dictionary<string, object?>(row.Count);
                foreach (var (heading, value) in row)
                {
                    cells[heading] = value is string text ? FormulaEscape.Unescape(text) : value;
                }
                Add(rows, number, cells);
            }
        }
        catch (Exception e) when (e is not (DomainException or OperationCanceledException or OutOfMemoryException))
        {
            // What a damaged sheet makes MiniExcel throw is not documented (XmlException, InvalidOperationException,
            // KeyNotFoundException, …); whatever it is, the file is what is wrong.
            throw new DomainException("spreadsheet.unreadable", "文件不是有效的 Excel（.xlsx）工作簿：工作表内容已损坏，无法读取。", innerException: e);
        }
        return new SpreadsheetTable(headings, rows);
    }

    private static void CheckWorkbook(MemoryStream file)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            long unpacked = 0;
            bool workbook = false, worksheet = false;
            foreach (var entry in zip.Entries)
            {
                unpacked += entry.Length;
                var name = entry.FullName.Replace('\\', '/').TrimStart('/');
                workbook |= name.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase);
                worksheet |= name.StartsWith("xl/worksheets/sheet", StringComparison.OrdinalIgnoreCase);
            }
            if (unpacked > SpreadsheetLimits.MaxUnpackedBytes)
            {
                throw SpreadsheetLimits.TooLargeUnpacked();
            }
            if (!workbook || !worksheet)
            {
                throw new DomainException("spreadsheet.no_worksheet", "文件不是有效的 Excel（.xlsx）工作簿：其中没有工作表。");
            }
        }
        catch (InvalidDataException e)
        {
            throw new DomainException("spreadsheet.not_xlsx",
                "文件不是有效的 Excel（.xlsx）工作簿：无法按 .xlsx 打开，可能已损坏、不完整，或是改了扩展名的其他文件（CSV 文件请保留 .csv 扩展名）。", innerException: e);
        }
    }

    private static void Add(List<SpreadsheetRow> rows, int number, Dictionary<string, object?> cells)
    {
        if (cells.Values.All(v => string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture))))
        {
            return;
        }
        if (rows.Count == SpreadsheetLimits.MaxRows)
        {
            throw SpreadsheetLimits.TooManyRows();
        }
        rows.Add(new SpreadsheetRow(number, cells));
    }
}
