namespace TiLianBang.Core.Repairs;

/// <summary>
/// What 启动救援 did: the trapped order the rescue runs on, whether the order was raised by this start, and the
/// (first) start itself — a second start changes nothing and says so with <see cref="AlreadyStarted"/>.
/// </summary>
public sealed record RescueStart(RepairOrder Order, bool Raised, bool AlreadyStarted, DateTime StartedAtUtc, int? StartedById, string? StartedBy);
