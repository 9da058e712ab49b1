namespace TiLianBang.Core.Specifications;

/// <summary>What the 工作规范 form sends; a PDF travels beside it as a stream with the name it was given.</summary>
public sealed record WorkSpecificationInput
{
    public string? Title { get; init; }
    public string? Body { get; init; }
    public int SortOrder { get; init; }
    /// <summary>Removes the current PDF (ignored when a new one is uploaded, which replaces it anyway).</summary>
    public bool RemovePdf { get; init; }
}
