namespace TiLianBang.Core.Common;

/// <summary>One data row of a <see cref="SpreadsheetTable"/>: its number as the spreadsheet program shows it (the heading is row 1) and its cells by heading.</summary>
public sealed record SpreadsheetRow(int Number, IReadOnlyDictionary<string, object?> Cells);
