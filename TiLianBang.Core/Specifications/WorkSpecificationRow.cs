namespace TiLianBang.Core.Specifications;

/// <summary>One line of 工作规范's list: the specification and the company it belongs to.</summary>
public sealed record WorkSpecificationRow(WorkSpecification Specification, string CompanyName);
