using TiLianBang.Core.Elevators;

namespace TiLianBang.Web.Features.Elevators;

/// <summary>The editable copy of an <see cref="ElevatorArchive"/> the archive page binds its inputs to.</summary>
public sealed class ElevatorArchiveForm
{
    public string Number { get; set; } = "";
    public string Name { get; set; } = "";
    public ElevatorVariety Variety { get; set; } = ElevatorVariety.TractionPassenger;
    public string? Type { get; set; }
    public int? CommunityId { get; set; }
    public string? UsagePlace { get; set; }
    public int? UserUnitId { get; set; }
    public int? ManufacturerId { get; set; }
    public string? RenovationUnit { get; set; }
    public string? RegisterCode { get; set; }
    public string? FactoryNumber { get; set; }
    public string? Brand { get; set; }
    public string? Model { get; set; }
    public int Floors { get; set; }
    public int Stops { get; set; }
    public int Doors { get; set; }
    public decimal RatedSpeed { get; set; }
    public int RatedLoad { get; set; }
    public DateTime? InstallDate { get; set; }
    public int? MaintenanceCompanyId { get; set; }
    public string? RegistrationAuthority { get; set; }
    public int? InspectionAgencyId { get; set; }
    public DateTime? LastInspectionDate { get; set; }
    public DateTime? NextInspectionDate { get; set; }
    public DateTime? MaintenanceContractStartDate { get; set; }
    public DateTime? MaintenanceContractEndDate { get; set; }
    /// <summary>One row per camera position; a row without a serial means no camera there.</summary>
    public List<CameraRow> Cameras { get; set; } = [.. Enum.GetValues<CameraPosition>().Select(p => new CameraRow { Position = p })];
    public List<ComponentRow> Components { get; set; } = [];

    public static ElevatorArchiveForm From(ElevatorArchive a)
    {
        var form = new ElevatorArchiveForm
        {
            Number = a.Number, Name = a.Name, Variety = a.Variety, Type = a.Type, CommunityId = a.CommunityId == 0 ? null : a.CommunityId,
            UsagePlace = a.UsagePlace, UserUnitId = a.UserUnitId, ManufacturerId = a.ManufacturerId, RenovationUnit = a.RenovationUnit,
            RegisterCode = a.RegisterCode, FactoryNumber = a.FactoryNumber, Brand = a.Brand, Model = a.Model, Floors = a.Floors, Stops = a.Stops,
            Doors = a.Doors, RatedSpeed = a.RatedSpeed, RatedLoad = a.RatedLoad, InstallDate = Date(a.InstallDate),
            MaintenanceCompanyId = a.MaintenanceCompanyId, RegistrationAuthority = a.RegistrationAuthority, InspectionAgencyId = a.InspectionAgencyId,
            LastInspectionDate = Date(a.LastInspectionDate), NextInspectionDate = Date(a.NextInspectionDate),
            MaintenanceContractStartDate = Date(a.MaintenanceContractStartDate), MaintenanceContractEndDate = Date(a.MaintenanceContractEndDate),
            Components = [.. a.Components.Select(c => new ComponentRow { Name = c.Name, Model = c.Model, Manufacturer = c.Manufacturer, InstallDate = Date(c.InstallDate) })],
        };
        foreach (var camera in a.Cameras)
        {
            var row = form.Cameras.Single(r => r.Position == camera.Position);
            (row.Serial, row.Channel) = (camera.Serial, camera.Channel);
        }
        return form;
    }

    public ElevatorArchive ToArchive() => new()
    {
        Number = Number, Name = Name, Variety = Variety, Type = Type, CommunityId = CommunityId ?? 0, UsagePlace = UsagePlace,
        UserUnitId = UserUnitId, ManufacturerId = ManufacturerId, RenovationUnit = RenovationUnit, RegisterCode = RegisterCode,
        FactoryNumber = FactoryNumber, Brand = Brand, Model = Model, Floors = Floors, Stops = Stops, Doors = Doors, RatedSpeed = RatedSpeed,
        RatedLoad = RatedLoad, InstallDate = Date(InstallDate), MaintenanceCompanyId = MaintenanceCompanyId, RegistrationAuthority = RegistrationAuthority,
        InspectionAgencyId = InspectionAgencyId, LastInspectionDate = Date(LastInspectionDate), NextInspectionDate = Date(NextInspectionDate),
        MaintenanceContractStartDate = Date(MaintenanceContractStartDate), MaintenanceContractEndDate = Date(MaintenanceContractEndDate),
        Cameras = [.. Cameras.Where(c => !string.IsNullOrWhiteSpace(c.Serial)).Select(c => new ElevatorCamera { Position = c.Position, Serial = c.Serial!, Channel = c.Channel })],
        Components = [.. Components.Select(c => new ElevatorComponent { Name = c.Name ?? "", Model = c.Model, Manufacturer = c.Manufacturer, InstallDate = Date(c.InstallDate) })],
    };

    private static DateTime? Date(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? Date(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    public sealed class CameraRow
    {
        public CameraPosition Position { get; init; }
        public string? Serial { get; set; }
        public int Channel { get; set; } = 1;
    }

    public sealed class ComponentRow
    {
        public string? Name { get; set; }
        public string? Model { get; set; }
        public string? Manufacturer { get; set; }
        public DateTime? InstallDate { get; set; }
    }
}
