using System.Globalization;

namespace TiLianBang.Core.Common;

/// <summary>
/// What one uploaded spreadsheet may be, and the refusal when it is more. The bounds sit well above a real
/// import (the 20,000-row benchmark workbook is 1.9 MB packed, 17 MB unpacked, with the template's 26 columns)
/// and well below what would pin a core or fill memory; a refused file imports nothing.
/// </summary>
public static class SpreadsheetLimits
{
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>All parts of an .xlsx (a zip) unpacked, as the zip declares them; the zip reader stops at the declared size, so a zip bomb stops here.</summary>
    public const long MaxUnpackedBytes = 100 * 1024 * 1024;

    public const int MaxColumns = 200;

    /// <summary>Data rows (blank rows are not counted).</summary>
    public const int MaxRows = 20_000;

    public static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(60);

    public static DomainException TooLarge() =>
        new("spreadsheet.too_large", $"文件过大：导入文件不能超过 {MaxBytes / 1024 / 1024} MB，请分批导入。", DomainErrorKind.TooLarge);

    internal static DomainException TooLargeUnpacked() =>
        new("spreadsheet.too_large", $"文件过大：工作簿解压后超过 {MaxUnpackedBytes / 1024 / 1024} MB，请分批导入。", DomainErrorKind.TooLarge);

    internal static DomainException TooManyColumns(int row) =>
        new("spreadsheet.too_many_columns", string.Create(CultureInfo.InvariantCulture,
            $"第 {row} 行超过 {MaxColumns} 列，不是导入模板的格式；请使用导入模板。"), DomainErrorKind.TooLarge);

    internal static DomainException TooManyRows() =>
        new("spreadsheet.too_many_rows", string.Create(CultureInfo.InvariantCulture,
            $"文件的数据超过 {MaxRows} 行，请分批导入（每次最多 {MaxRows} 行）。"), DomainErrorKind.TooLarge);

    internal static DomainException TooSlow() =>
        new("spreadsheet.too_slow", string.Create(CultureInfo.InvariantCulture,
            $"文件处理超过 {TimeBudget.TotalSeconds:0} 秒仍未完成，已停止导入，未导入任何数据；请分批导入。"), DomainErrorKind.Unprocessable);
}
