namespace TiLianBang.Core.Parameters;

/// <summary>8K 参数规格: a category of controller parameters; <see cref="ParentId"/> is its 上级分类.</summary>
public class ParameterCategory
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? ParentId { get; set; }
    public ParameterCategory? Parent { get; set; }
    public int SortOrder { get; set; }
}
