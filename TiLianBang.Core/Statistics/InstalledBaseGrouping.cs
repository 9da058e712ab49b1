using TiLianBang.Core.Common;

namespace TiLianBang.Core.Statistics;

/// <summary>What 投屏数据 counts the installed base by: 地区 (district), 使用场景, 安装年份 or 使用年限.</summary>
public enum InstalledBaseGrouping
{
    District,
    Usage,
    Year,
    Age,
}

public static class InstalledBaseGroupings
{
    /// <summary>The <c>by</c> query parameter: district, usage, year or age; nothing means district.</summary>
    public static InstalledBaseGrouping Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "district" => InstalledBaseGrouping.District,
        "usage" => InstalledBaseGrouping.Usage,
        "year" => InstalledBaseGrouping.Year,
        "age" => InstalledBaseGrouping.Age,
        _ => throw new ValidationException(new Dictionary<string, string> { ["by"] = "统计方式须为 district（地区）、usage（使用场景）、year（安装年份）或 age（使用年限）。" }),
    };

    public static string Name(InstalledBaseGrouping grouping) => grouping switch
    {
        InstalledBaseGrouping.Usage => "usage",
        InstalledBaseGrouping.Year => "year",
        InstalledBaseGrouping.Age => "age",
        _ => "district",
    };

    /// <summary>The column heading (and the export's file name) of the grouping.</summary>
    public static string Title(InstalledBaseGrouping grouping) => grouping switch
    {
        InstalledBaseGrouping.Usage => "使用场景",
        InstalledBaseGrouping.Year => "安装年份",
        InstalledBaseGrouping.Age => "使用年限",
        _ => "地区",
    };
}
