namespace TiLianBang.Core.Elevators;

/// <summary>批量修改: the fields to set on every selected elevator; a null field is left as each elevator has it.</summary>
public sealed record ElevatorBatchChange
{
    public int? UserUnitId { get; init; }
    public int? MaintenanceCompanyId { get; init; }
    public int? ManufacturerId { get; init; }
    public int? InspectionAgencyId { get; init; }
    public string? UsagePlace { get; init; }
    public string? RegistrationAuthority { get; init; }
    public DateOnly? NextInspectionDate { get; init; }
    public DateOnly? MaintenanceContractStartDate { get; init; }
    public DateOnly? MaintenanceContractEndDate { get; init; }

    public bool IsEmpty => this == new ElevatorBatchChange();

    public ElevatorArchive ApplyTo(ElevatorArchive a) => a with
    {
        UserUnitId = UserUnitId ?? a.UserUnitId,
        MaintenanceCompanyId = MaintenanceCompanyId ?? a.MaintenanceCompanyId,
        ManufacturerId = ManufacturerId ?? a.ManufacturerId,
        InspectionAgencyId = InspectionAgencyId ?? a.InspectionAgencyId,
        UsagePlace = UsagePlace ?? a.UsagePlace,
        RegistrationAuthority = RegistrationAuthority ?? a.RegistrationAuthority,
        NextInspectionDate = NextInspectionDate ?? a.NextInspectionDate,
        MaintenanceContractStartDate = MaintenanceContractStartDate ?? a.MaintenanceContractStartDate,
        MaintenanceContractEndDate = MaintenanceContractEndDate ?? a.MaintenanceContractEndDate,
    };
}
