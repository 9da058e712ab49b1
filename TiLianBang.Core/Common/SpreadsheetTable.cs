namespace TiLianBang.Core.Common;

/// <summary>An uploaded sheet as read for an import: the heading row's texts and every data row that is not blank.</summary>
public sealed record SpreadsheetTable(IReadOnlyList<string> Headings, IReadOnlyList<SpreadsheetRow> Rows);
