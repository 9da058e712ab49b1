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
}
