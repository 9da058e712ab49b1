namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of 统计分析, the home dashboard and the wall screen.</summary>
    private static (string Chinese, string English)[] Statistics() =>
    [
        ("请选择开始日期。", "Please choose the first day."),
        ("请选择结束日期。", "Please choose the last day."),
        ("统计期间最长 10 年。", "A period can be at most 10 years long."),
        ("显示条数须为 10、20 或 50。", "Show 10, 20 or 50 groups."),
        ("统计分组无效。", "Unknown group of the statistic."),
        ("统计维度须为 elevator、worker、brand 或 faultCode。", "The dimension must be elevator, worker, brand or faultCode."),
        ("统计期间须为 last7Days、last30Days、thisMonth、thisYear 或 custom。", "The period must be last7Days, last30Days, thisMonth, thisYear or custom."),
        ("日期格式须为 yyyy-MM-dd。", "Dates are written yyyy-MM-dd."),
        ("年份超出范围。", "The year is out of range."),
        ("统计方式须为 district（地区）、usage（使用场景）、year（安装年份）或 age（使用年限）。", "by must be district, usage, year or age."),
        ("姓名最多 {0} 个字符。", "A name has at most {0} characters."),
        ("维保人员 {0} 不存在或无权查看。", "Maintenance worker {0} does not exist or is not visible to you."),
    ];
}
