namespace TiLianBang.Core.Common;

/// <summary>An uploaded sheet as read for an import: the heading row's texts and every data row that is not blank.</summary>
public sealed record SpreadsheetTable(IReadOnlyList<string> Headings, IReadOnlyList<SpreadsheetRow> Rows);

/// <summary>One data row: its number as the spreadsheet program shows it (the heading is row 1) and its cells by heading.</summary>
public sealed record SpreadsheetRow(int Number, IReadOnlyDictionary<string, object?> Cells);
