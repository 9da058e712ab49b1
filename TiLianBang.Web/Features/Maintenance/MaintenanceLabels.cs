using MudBlazor;
using TiLianBang.Core.Maintenance;

namespace TiLianBang.Web.Features.Maintenance;

/// <summary>How maintenance states, results and modes are shown (the texts are localization keys).</summary>
public static class MaintenanceLabels
{
    public static Color ColorOf(MaintenanceOrderState state) => state switch
    {
        MaintenanceOrderState.Pending => Color.Warning,
        MaintenanceOrderState.Assigned => Color.Info,
        MaintenanceOrderState.SignedIn => Color.Primary,
        MaintenanceOrderState.Submitted => Color.Secondary,
        _ => Color.Success,
    };

    public static string ResultName(MaintenanceItemResult? result) => result switch
    {
        MaintenanceItemResult.Normal => "正常",
        MaintenanceItemResult.Fixed => "已修复",
        MaintenanceItemResult.NotApplicable => "不适用",
        _ => "未填写",
    };

    public static string ModeName(MaintenanceMode mode) => mode == MaintenanceMode.OnDemand ? "按需维保" : "按周期";
}
