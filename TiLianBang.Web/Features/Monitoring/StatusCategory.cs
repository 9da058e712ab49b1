using TiLianBang.Core.Monitoring;

namespace TiLianBang.Web.Features.Monitoring;

/// <summary>How the categories of 区域监控 look; which elevators they count is <see cref="StatusCounts"/>.</summary>
public static class StatusCategories
{
    public static readonly IReadOnlyList<StatusCategory> InOrder = StatusCounts.Categories;

    public static string Label(StatusCategory category) => category switch
    {
        StatusCategory.All => "全部",
        StatusCategory.Online => "在线",
        StatusCategory.Offline => "离线",
        StatusCategory.Running => "运行",
        StatusCategory.Fault => "故障",
        StatusCategory.Inspection => "检修",
        StatusCategory.Trapped => "困人",
        _ => category.ToString(),
    };

    /// <summary>The status colour of a category's chip (the <c>.tlb-category-*</c> rules in app.css): 在线 is 正常's green.</summary>
    public static string CssName(StatusCategory category) => category switch
    {
        StatusCategory.Online => "normal",
        StatusCategory.Offline => "offline",
        StatusCategory.Running => "running",
        StatusCategory.Fault => "fault",
        StatusCategory.Inspection => "inspection",
        StatusCategory.Trapped => "trapped",
        _ => "all",
    };
}
