namespace TiLianBang.Web.Shared;

/// <summary>One named series of values, one per category of the chart.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Data);
