namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>What the pipeline did with a message; <see cref="Rejection"/> says why it was rejected.</summary>
public readonly record struct MessageOutcome(bool Accepted, string? Rejection, bool Duplicate = false)
{
    public static readonly MessageOutcome Ok = new(true, null);
    public static readonly MessageOutcome DuplicateEvent = new(true, null, Duplicate: true);

    public static MessageOutcome Reject(string reason) => new(false, reason);
}
