namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of 统计分析, the home dashboard and the wall screen.</summary>
    private static (string Chinese, string English)[] Statistics() =>
    [
        ("请选择开始日期。", "Please choose the first day."),
        ("请选择结束日期。", "Please choose the last day."),
        ("统计期间最长 10 年。", "A period can be at most 10 years long."),
        ("统计方式须为 district（地区）、usage（使用场景）、year（安装年份）或 age（使用年限）。", "by must be district, usage, year or age."),
    ];
}
