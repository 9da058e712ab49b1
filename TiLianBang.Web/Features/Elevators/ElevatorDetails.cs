using TiLianBang.Core.Elevators;

namespace TiLianBang.Web.Features.Elevators;

/// <summary>An elevator's archive as the API shows it (flat, names rather than nested companies).</summary>
public sealed record ElevatorDetails(
    int Id,
    string Number,
    string? RegisterCode,
    string Name,
    string Community,
    string? UserUnit,
    string? MaintenanceCompany,
    string? Manufacturer,
    string? InspectionAgency,
    ElevatorVariety Variety,
    string? Type,
    string? Brand,
    string? Model,
    int Floors,
    decimal RatedSpeed,
    int RatedLoad,
    DateOnly? InstallDate,
    DateOnly? NextInspectionDate)
{
    public static ElevatorDetails From(Elevator e) => new(
        e.Id, e.Number, e.RegisterCode, e.Name, e.Community?.Name ?? "", e.UserUnit?.Name, e.MaintenanceCompany?.Name,
        e.Manufacturer?.Name, e.InspectionAgency?.Name, e.Variety, e.Type, e.Brand, e.Model, e.Floors, e.RatedSpeed,
        e.RatedLoad, e.InstallDate, e.NextInspectionDate);
}
