namespace TiLianBang.Core.Auditing;

/// <summary>
/// Rows written by machines at machine rates (device telemetry): not a person's write, so no operation log row.
/// </summary>
public interface INotAudited;
