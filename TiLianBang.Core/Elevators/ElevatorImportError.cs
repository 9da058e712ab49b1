namespace TiLianBang.Core.Elevators;

/// <summary>One problem of an import file: its row as Excel numbers it (the heading is row 1) and its column heading.</summary>
public sealed record ElevatorImportError(int Row, string Column, string Message);

/// <summary>What an import did, or why it did nothing.</summary>
public sealed record ElevatorImportResult(int Created, int Updated, int Unchanged, IReadOnlyList<ElevatorImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
