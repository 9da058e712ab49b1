namespace TiLianBang.Core.Specifications;

/// <summary>
/// 工作规范: a titled document a company keeps for its own workers to read in the mini-program: a text and,
/// optionally, a PDF stored in the data folder.
/// </summary>
public class WorkSpecification
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    /// <summary>Generated file name of the PDF in the document folder, if one was uploaded.</summary>
    public string? PdfStoredName { get; set; }
    /// <summary>The name the uploader gave the PDF, offered again on download.</summary>
    public string? PdfFileName { get; set; }
    public long PdfLength { get; set; }
    public int SortOrder { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
