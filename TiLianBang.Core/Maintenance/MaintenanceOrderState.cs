namespace TiLianBang.Core.Maintenance;

public enum MaintenanceOrderState
{
    /// <summary>待审核: generated, waiting for 计划审核 to assign it.</summary>
    Pending = 0,
    /// <summary>已派工: the worker sees it in their calendar.</summary>
    Assigned = 1,
    /// <summary>已签到: the worker is on site and ticks the items.</summary>
    SignedIn = 2,
    /// <summary>待确认: submitted, waiting for the user unit.</summary>
    Submitted = 3,
    /// <summary>已确认: the user unit confirmed the visit.</summary>
    Confirmed = 4,
}
