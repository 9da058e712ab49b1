namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>
/// What the pipeline did with a message; <see cref="Rejection"/> says why it was rejected. <see cref="Stored"/>, when
/// set, completes once what the message recorded is committed (or fails when it could not be): a QoS 1
/// acknowledgement waits for it. <see cref="Failed"/> marks a message not taken for a reason of ours (a defect, the
/// device's record budget) rather than a fault of the message: it is not acknowledged, so it comes again.
/// <see cref="OverBudget"/>: a QoS 0 message dropped because its collector was over its budget (taken off the socket,
/// nothing to answer, counted).
/// </summary>
public readonly record struct MessageOutcome(bool Accepted, string? Rejection, bool Duplicate = false, Task? Stored = null, bool Failed = false)
{
    public static readonly MessageOutcome OverBudget = new(true, null);
    public static readonly MessageOutcome Ok = new(true, null);
    public static readonly MessageOutcome DuplicateEvent = new(true, null, Duplicate: true);

    public static MessageOutcome Reject(string reason) => new(false, reason);

    public static MessageOutcome Fail(string reason) => new(false, reason, Failed: true);
}
