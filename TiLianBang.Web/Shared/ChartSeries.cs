namespace TiLianBang.Web.Shared;

/// <summary>One named series of values, one per category of the chart; a null value is a gap (a day without data).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Data)
{
    public ChartSeries(string name, IEnumerable<double> data) : this(name, [.. data.Select(v => (double?)v)])
    {
    }
}
