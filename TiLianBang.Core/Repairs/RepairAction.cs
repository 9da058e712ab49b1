namespace TiLianBang.Core.Repairs;

/// <summary>What a person does to a repair order; <see cref="RepairOrderStateMachine"/> says when it is allowed.</summary>
public enum RepairAction
{
    /// <summary>接警 (within the geofence).</summary>
    Accept,
    /// <summary>签到 on site (within the geofence).</summary>
    SignIn,
    /// <summary>去处理</summary>
    StartProcessing,
    /// <summary>提交 with cause, fault attribute and actions taken.</summary>
    Submit,
    /// <summary>急修审核: approve.</summary>
    Approve,
    /// <summary>急修审核: send back for more work.</summary>
    SendBack,
    Close,
    /// <summary>Cancel with a reason.</summary>
    Cancel,
    /// <summary>启动救援 (MON-5): someone started the rescue of trapped passengers; the order's state stays as it is.</summary>
    StartRescue,
}
