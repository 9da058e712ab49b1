namespace TiLianBang.Core.Specifications;

/// <summary>Where the PDFs of 工作规范 are kept; the web host sets it to <c>documents</c> in the data folder.</summary>
public sealed class SpecificationFileOptions
{
    public string Directory { get; set; } = "documents";
    public const long MaxBytes = 20 * 1024 * 1024;
}
