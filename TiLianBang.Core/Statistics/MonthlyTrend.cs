namespace TiLianBang.Core.Statistics;

/// <summary>数据分析: one local calendar month's basic figures.</summary>
public sealed record MonthlyTrend(int Year, int Month, int Faults, int Rescues, int MaintenanceVisits, int NewInstallations)
{
    public string Label => $"{Year:D4}-{Month:D2}";
}

/// <summary>The months a trend covers (oldest first) and their figures.</summary>
public sealed record MonthlyTrends(DateOnly From, DateOnly To, IReadOnlyList<MonthlyTrend> Months);
