namespace TiLianBang.Core.Auditing;

/// <summary>
/// What a log row acted on, as people read it: <see cref="KindKey"/> is a localizer key (工单, 电梯 …) and
/// <see cref="Label"/> the thing's own number or name, null when it no longer exists or is out of sight.
/// </summary>
public sealed record SubjectName(string KindKey, string? Label);
