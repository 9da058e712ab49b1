using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Common;

namespace TiLianBang.Web.Shared;

/// <summary>STA-6 downloads: <c>?format=csv</c> or Excel (the default), named after the table and the day.</summary>
public static class SpreadsheetDownload
{
    public static async Task<FileContentHttpResult> FileAsync(
        string title, string? format, TimeProvider clock, Func<Stream, SpreadsheetFormat, Task> write)
    {
        var kind = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) ? SpreadsheetFormat.Csv : SpreadsheetFormat.Xlsx;
        using var buffer = new MemoryStream();
        await write(buffer, kind);
        return TypedResults.File(buffer.ToArray(), Spreadsheet.ContentType(kind), $"{title}-{clock.Today():yyyyMMdd}{Spreadsheet.Extension(kind)}");
    }

    /// <summary>A table's rows as the download, each row a cell per column in the order the page's table shows them.</summary>
    public static Task<FileContentHttpResult> TableAsync(
        string title, string? format, TimeProvider clock, IEnumerable<IDictionary<string, object?>> rows, CancellationToken cancellationToken) =>
        FileAsync(title, format, clock, (stream, kind) => Spreadsheet.WriteAsync(stream, rows, kind, cancellationToken));

    public static IDictionary<string, object?> Row(params (string Column, object? Value)[] cells) => cells.ToDictionary(c => c.Column, c => c.Value);
}
