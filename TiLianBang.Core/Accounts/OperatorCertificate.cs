namespace TiLianBang.Core.Accounts;

/// <summary>
/// 特种设备作业人员证 (special-equipment operator certificate) of a maintenance worker. Kept on the account (one
/// per person): the dispatcher needs to know at a glance whether the person may work on elevators today.
/// </summary>
public sealed class OperatorCertificate
{
    public string? Number { get; set; }
    /// <summary>作业项目, e.g. T 电梯作业.</summary>
    public string? Category { get; set; }
    public DateOnly? ExpiresOn { get; set; }

    public bool IsEmpty => string.IsNullOrEmpty(Number) && string.IsNullOrEmpty(Category) && ExpiresOn is null;

    public bool IsExpiredOn(DateOnly day) => ExpiresOn is { } expires && expires < day;
}
