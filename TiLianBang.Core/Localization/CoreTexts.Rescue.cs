namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of 启动救援 (MON-5, REP-6): its refusals, and the order and timeline entry it writes.</summary>
    private static (string Chinese, string English)[] Rescue() =>
    [
        ("启动救援", "start the rescue"),
        ("您没有启动救援的权限。", "You are not allowed to start rescues."),
        ("工单 {0} 不是进行中的困人工单，不能启动救援。", "Order {0} is not an open trapped-passenger order; a rescue cannot be started on it."),
        ("困人（启动救援）", "Passengers trapped (rescue started)"),
        ("启动救援，生成困人急修工单", "Rescue started; trapped-passenger repair order created"),
    ];
}
