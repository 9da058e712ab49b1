using MudBlazor;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Web.Features.Repairs;

public static class RepairStateLabels
{
    public static Color ColorOf(RepairOrderState state) => state switch
    {
        RepairOrderState.Created => Color.Error,
        RepairOrderState.Accepted or RepairOrderState.SignedIn or RepairOrderState.Processing => Color.Warning,
        RepairOrderState.Submitted => Color.Info,
        RepairOrderState.Approved or RepairOrderState.Closed => Color.Success,
        _ => Color.Default,
    };
}
