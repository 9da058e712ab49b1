namespace TiLianBang.Web.Shared;

/// <summary>
/// A horizontal band across a chart's value axis (e.g. an elevator's baseline ± its spread), or a line when
/// <see cref="From"/> equals <see cref="To"/>. The value axis is widened to show it.
/// </summary>
public sealed record ChartBand(double From, double To, string Label, string Color);
