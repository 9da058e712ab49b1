namespace TiLianBang.Core.Elevators;

/// <summary>
/// Everything 电梯档案 edits (ARC-1), section by section as the manual lists them. Creating, editing, batch
/// editing and importing all go through this one shape and one set of rules.
/// </summary>
public sealed record ElevatorArchive
{
    // 基础参数
    public string Number { get; init; } = "";
    public string Name { get; init; } = "";
    public ElevatorVariety Variety { get; init; } = ElevatorVariety.TractionPassenger;
    public string? Type { get; init; }
    public int CommunityId { get; init; }
    public string? UsagePlace { get; init; }
    public int? UserUnitId { get; init; }
    public int? ManufacturerId { get; init; }
    public string? RenovationUnit { get; init; }
    public string? RegisterCode { get; init; }
    public string? FactoryNumber { get; init; }
    public string? Brand { get; init; }
    public string? Model { get; init; }
    public int Floors { get; init; }
    public int Stops { get; init; }
    public int Doors { get; init; }
    public decimal RatedSpeed { get; init; }
    public int RatedLoad { get; init; }
    public DateOnly? InstallDate { get; init; }

    // 维保参数
    public int? MaintenanceCompanyId { get; init; }
    public string? RegistrationAuthority { get; init; }

    // 视频参数
    public IReadOnlyList<ElevatorCamera> Cameras { get; init; } = [];

    // 其他参数
    public int? InspectionAgencyId { get; init; }
    public DateOnly? LastInspectionDate { get; init; }
    public DateOnly? NextInspectionDate { get; init; }
    public DateOnly? MaintenanceContractStartDate { get; init; }
    public DateOnly? MaintenanceContractEndDate { get; init; }

    // 部件列表
    public IReadOnlyList<ElevatorComponent> Components { get; init; } = [];

    public static ElevatorArchive Of(Elevator e) => new()
    {
        Number = e.Number, Name = e.Name, Variety = e.Variety, Type = e.Type, CommunityId = e.CommunityId, UsagePlace = e.UsagePlace,
        UserUnitId = e.UserUnitId, ManufacturerId = e.ManufacturerId, RenovationUnit = e.RenovationUnit, RegisterCode = e.RegisterCode,
        FactoryNumber = e.FactoryNumber, Brand = e.Brand, Model = e.Model, Floors = e.Floors, Stops = e.Stops, Doors = e.Doors,
        RatedSpeed = e.RatedSpeed, RatedLoad = e.RatedLoad, InstallDate = e.InstallDate, MaintenanceCompanyId = e.MaintenanceCompanyId,
        RegistrationAuthority = e.RegistrationAuthority, Cameras = [.. e.Cameras], InspectionAgencyId = e.InspectionAgencyId,
        LastInspectionDate = e.LastInspectionDate, NextInspectionDate = e.NextInspectionDate,
        MaintenanceContractStartDate = e.MaintenanceContractStartDate, MaintenanceContractEndDate = e.MaintenanceContractEndDate,
        Components = [.. e.Components],
    };

    /// <summary>Copies the archive onto an entity (trimmed; empty text becomes null).</summary>
    public void ApplyTo(Elevator e)
    {
        e.Number = Number.Trim();
        e.Name = Name.Trim();
        e.Variety = Variety;
        e.Type = Text(Type);
        e.CommunityId = CommunityId;
        e.UsagePlace = Text(UsagePlace);
        e.UserUnitId = UserUnitId;
        e.ManufacturerId = ManufacturerId;
        e.RenovationUnit = Text(RenovationUnit);
        e.RegisterCode = Text(RegisterCode);
        e.FactoryNumber = Text(FactoryNumber);
        e.Brand = Text(Brand);
        e.Model = Text(Model);
        e.Floors = Floors;
        e.Stops = Stops;
        e.Doors = Doors;
        e.RatedSpeed = RatedSpeed;
        e.RatedLoad = RatedLoad;
        e.InstallDate = InstallDate;
        e.MaintenanceCompanyId = MaintenanceCompanyId;
        e.RegistrationAuthority = Text(RegistrationAuthority);
        e.Cameras = [.. Cameras.OrderBy(c => c.Position).Select(c => c with { Serial = c.Serial.Trim() })];
        e.InspectionAgencyId = InspectionAgencyId;
        e.LastInspectionDate = LastInspectionDate;
        e.NextInspectionDate = NextInspectionDate;
        e.MaintenanceContractStartDate = MaintenanceContractStartDate;
        e.MaintenanceContractEndDate = MaintenanceContractEndDate;
        e.Components = [.. Components.Select(c => c with { Name = c.Name.Trim(), Model = Text(c.Model), Manufacturer = Text(c.Manufacturer) })];
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
