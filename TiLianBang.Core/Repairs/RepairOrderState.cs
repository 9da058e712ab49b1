namespace TiLianBang.Core.Repairs;

/// <summary>急修工单 states (REP-2), in life-cycle order.</summary>
public enum RepairOrderState
{
    /// <summary>待接警: created and pushed to the workers.</summary>
    Created = 0,
    /// <summary>已接警</summary>
    Accepted = 1,
    /// <summary>已签到: the worker is on site.</summary>
    SignedIn = 2,
    /// <summary>处理中</summary>
    Processing = 3,
    /// <summary>待审核</summary>
    Submitted = 4,
    /// <summary>审核通过</summary>
    Approved = 5,
    /// <summary>已关闭</summary>
    Closed = 6,
    /// <summary>已取消</summary>
    Cancelled = 7,
}
