namespace TiLianBang.Core.Monitoring;

/// <summary>内部IO: the inputs (X) and outputs (Y) of the last <c>io</c> message, with the names of IO 管理.</summary>
public sealed record ElevatorIo(DateTimeOffset? At, IReadOnlyList<IoPointState> Inputs, IReadOnlyList<IoPointState> Outputs);

/// <summary>One point; <see cref="Name"/> is null for a point nobody has named.</summary>
public sealed record IoPointState(string Code, int Index, string? Name, bool On);
