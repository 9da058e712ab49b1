namespace TiLianBang.Core.Maintenance;

/// <summary>
/// One warning sent by the expiry job (MNT-7). Its unique key (elevator, subject, date, threshold) is what makes
/// each warning go out once per item and threshold, however often the job runs.
/// </summary>
public class ExpiryWarning
{
    public int Id { get; set; }
    public int ElevatorId { get; set; }
    public ExpirySubject Subject { get; set; }
    /// <summary>The date warned about: the inspection date, the contract end, or the overdue order's due date.</summary>
    public DateOnly SubjectDate { get; set; }
    /// <summary>Days before the date (a lead time), or 0 for "now overdue".</summary>
    public int ThresholdDays { get; set; }
    public DateTime SentAtUtc { get; set; }
}

public enum ExpirySubject
{
    /// <summary>下次检验日期</summary>
    Inspection = 0,
    /// <summary>维保合同到期</summary>
    MaintenanceContract = 1,
    /// <summary>保养超期</summary>
    MaintenanceOverdue = 2,
}
