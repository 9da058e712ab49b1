namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of 统计分析, the home dashboard and the wall screen.</summary>
    private static (string Chinese, string English)[] Statistics() =>
    [
        ("请选择开始日期。", "Please choose the first day."),
        ("请选择结束日期。", "Please choose the last day."),
        ("统计期间最长 10 年。", "A period can be at most 10 years long."),
        ("姓名最多 {0} 个字符。", "A name has at most {0} characters."),
        ("维保人员 {0} 不存在或无权查看。", "Maintenance worker {0} does not exist or is not visible to you."),
    ];
}
