namespace TiLianBang.Core.Common;

/// <summary>One page of a longer list, with the total for the pager.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
