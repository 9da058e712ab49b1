namespace TiLianBang.Core.Devices.Commands;

public enum CommandStatus
{
    /// <summary>The device answered <c>ok: true</c>.</summary>
    Succeeded,
    /// <summary>The device answered <c>ok: false</c>.</summary>
    Failed,
    /// <summary>No answer within the timeout.</summary>
    TimedOut,
    /// <summary>Not sent: the collector is offline.</summary>
    Offline,
}

/// <summary>The outcome of one command; <see cref="DataJson"/> is the reply's <c>data</c> object.</summary>
public sealed record CommandResult(string CommandId, CommandStatus Status, string? DataJson, string? Error);
