using TiLianBang.Core.Common;

namespace TiLianBang.Core.Repairs;

/// <summary>
/// The one place the repair order's legal transitions are written (REP-2). Anything not in the table is refused
/// with a clear error; the order is not touched then.
/// </summary>
public static class RepairOrderStateMachine
{
    private static readonly Dictionary<(RepairOrderState, RepairAction), RepairOrderState> Transitions = new()
    {
        [(RepairOrderState.Created, RepairAction.Accept)] = RepairOrderState.Accepted,
        [(RepairOrderState.Accepted, RepairAction.SignIn)] = RepairOrderState.SignedIn,
        [(RepairOrderState.SignedIn, RepairAction.StartProcessing)] = RepairOrderState.Processing,
        [(RepairOrderState.Processing, RepairAction.Submit)] = RepairOrderState.Submitted,
        [(RepairOrderState.Submitted, RepairAction.Approve)] = RepairOrderState.Approved,
        [(RepairOrderState.Submitted, RepairAction.SendBack)] = RepairOrderState.Processing,
        [(RepairOrderState.Approved, RepairAction.Close)] = RepairOrderState.Closed,
        [(RepairOrderState.Created, RepairAction.Cancel)] = RepairOrderState.Cancelled,
        [(RepairOrderState.Accepted, RepairAction.Cancel)] = RepairOrderState.Cancelled,
        [(RepairOrderState.SignedIn, RepairAction.Cancel)] = RepairOrderState.Cancelled,
        [(RepairOrderState.Processing, RepairAction.Cancel)] = RepairOrderState.Cancelled,
        // 启动救援 is recorded on the timeline whatever stage the work is in; it does not move the order on.
        [(RepairOrderState.Created, RepairAction.StartRescue)] = RepairOrderState.Created,
        [(RepairOrderState.Accepted, RepairAction.StartRescue)] = RepairOrderState.Accepted,
        [(RepairOrderState.SignedIn, RepairAction.StartRescue)] = RepairOrderState.SignedIn,
        [(RepairOrderState.Processing, RepairAction.StartRescue)] = RepairOrderState.Processing,
        [(RepairOrderState.Submitted, RepairAction.StartRescue)] = RepairOrderState.Submitted,
        [(RepairOrderState.Approved, RepairAction.StartRescue)] = RepairOrderState.Approved,
    };

    public static bool CanApply(RepairOrderState state, RepairAction action) => Transitions.ContainsKey((state, action));

    public static IEnumerable<RepairAction> ActionsFrom(RepairOrderState state) =>
        Transitions.Keys.Where(k => k.Item1 == state).Select(k => k.Item2);

    public static RepairOrderState Next(RepairOrderState state, RepairAction action) =>
        Transitions.TryGetValue((state, action), out var next)
            ? next
            : throw new DomainException("repair.illegal_transition",
                $"工单当前为“{StateName(state)}”，不能执行“{ActionName(action)}”。", DomainErrorKind.Conflict);

    public static string StateName(RepairOrderState state) => state switch
    {
        RepairOrderState.Created => "待接警",
        RepairOrderState.Accepted => "已接警",
        RepairOrderState.SignedIn => "已签到",
        RepairOrderState.Processing => "处理中",
        RepairOrderState.Submitted => "待审核",
        RepairOrderState.Approved => "审核通过",
        RepairOrderState.Closed => "已关闭",
        RepairOrderState.Cancelled => "已取消",
        _ => state.ToString(),
    };

    public static string ActionName(RepairAction action) => action switch
    {
        RepairAction.Accept => "接警",
        RepairAction.SignIn => "签到",
        RepairAction.StartProcessing => "去处理",
        RepairAction.Submit => "提交",
        RepairAction.Approve => "审核通过",
        RepairAction.SendBack => "退回",
        RepairAction.Close => "关闭",
        RepairAction.Cancel => "取消",
        RepairAction.StartRescue => "启动救援",
        _ => action.ToString(),
    };

    /// <summary>
    /// A cleared fault's order may be closed without the normal review only while nobody is on site yet: once a
    /// worker signed in, their report decides.
    /// </summary>
    public static bool CanCloseCleared(RepairOrderState state) => state is RepairOrderState.Created or RepairOrderState.Accepted;

    public static bool IsOpen(RepairOrderState state) => state is not (RepairOrderState.Closed or RepairOrderState.Cancelled);
}
