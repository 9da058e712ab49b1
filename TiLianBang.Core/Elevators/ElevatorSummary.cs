using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Elevators;

/// <summary>One row of an elevator list.</summary>
public sealed record ElevatorSummary(
    int Id,
    string Number,
    string Name,
    string? RegisterCode,
    int CommunityId,
    string CommunityName,
    Region Region,
    string? UserUnit,
    string? MaintenanceCompany,
    string? Brand,
    int Floors,
    DateOnly? NextInspectionDate);
