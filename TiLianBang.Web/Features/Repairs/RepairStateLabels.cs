using MudBlazor;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Web.Features.Repairs;

public static class RepairStateLabels
{
    public static Color ColorOf(RepairOrderState state) => state switch
    {
        // Red is kept for trapped passengers and errors (docs/ui.md): a waiting alarm is the fault orange.
        RepairOrderState.Created => Color.Warning,
        RepairOrderState.Accepted or RepairOrderState.SignedIn or RepairOrderState.Processing => Color.Info,
        RepairOrderState.Submitted => Color.Secondary,
        RepairOrderState.Approved or RepairOrderState.Closed => Color.Success,
        _ => Color.Default,
    };

    /// <summary>
    /// A life-cycle action as a button or timeline line names it: close and cancel say what they end (取消工单,
    /// not 取消, which is a dialog's "go back").
    /// </summary>
    public static string ActionLabel(RepairAction action) => action switch
    {
        RepairAction.Close => "关闭工单",
        RepairAction.Cancel => "取消工单",
        _ => RepairOrderStateMachine.ActionName(action),
    };
}
