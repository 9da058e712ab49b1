namespace TiLianBang.Core.Common;

/// <summary>
/// OWASP CSV injection: a spreadsheet program runs a cell that starts with = + - @ tab or CR as a formula. Such a
/// text cell is written with a single quote in front (the writer then quotes the cell), and an import takes that
/// quote off again, so an exported file imports back as the same text.
/// </summary>
public static class FormulaEscape
{
    public const char Quote = '\'';

    private static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r'];

    public static bool NeedsEscape(string text) => text.Length > 0 && Triggers.Contains(text[0]);

    public static string Escape(string text) => NeedsEscape(text) ? Quote + text : text;

    /// <summary>Takes off the quote that <see cref="Escape"/> (or a person in Excel) put before a trigger character; any other text stays as it is.</summary>
    public static string Unescape(string text) => text.Length > 1 && text[0] == Quote && Triggers.Contains(text[1]) ? text[1..] : text;
}
