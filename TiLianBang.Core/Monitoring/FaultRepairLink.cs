using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Monitoring;

/// <summary>Which repair order a raised fault led to, for 故障记录 on the web and in the API alike.</summary>
public static class FaultRepairLink
{
    /// <summary>An order is made a moment after its event is stored; this much later still counts as caused by it.</summary>
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(5);

    /// <summary>The latest order for the fault's code created by the time the fault arrived.</summary>
    public static RepairOrderSummary? OrderFor(int code, DateTime receivedAtUtc, IEnumerable<RepairOrderSummary> orders) =>
        orders.Where(o => o.FaultCode == code && o.CreatedAtUtc <= receivedAtUtc + Lag).MaxBy(o => o.Id);
}
