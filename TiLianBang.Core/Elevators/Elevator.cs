using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Elevators;

/// <summary>电梯档案: one elevator's archive record. Which companies it names decides who may see it.</summary>
public class Elevator
{
    public int Id { get; set; }
    /// <summary>电梯编号, unique within the installation.</summary>
    public required string Number { get; set; }
    /// <summary>注册代码 (20 characters).</summary>
    public string? RegisterCode { get; set; }
    public required string Name { get; set; }

    public int CommunityId { get; set; }
    public Community? Community { get; set; }
    public int? UserUnitId { get; set; }
    public Company? UserUnit { get; set; }
    public int? MaintenanceCompanyId { get; set; }
    public Company? MaintenanceCompany { get; set; }
    public int? ManufacturerId { get; set; }
    public Company? Manufacturer { get; set; }
    public int? InspectionAgencyId { get; set; }
    public Company? InspectionAgency { get; set; }

    public ElevatorVariety Variety { get; set; } = ElevatorVariety.TractionPassenger;
    /// <summary>电梯类型: free text in real archives (乘客电梯, 住宅电梯, 无机房电梯 …).</summary>
    public string? Type { get; set; }
    /// <summary>使用场所 (住宅, 商场, 医院 …): where the elevator serves; statistics group by it.</summary>
    public string? UsagePlace { get; set; }
    /// <summary>改造单位</summary>
    public string? RenovationUnit { get; set; }
    /// <summary>出厂编号</summary>
    public string? FactoryNumber { get; set; }
    public string? Brand { get; set; }
    public string? Model { get; set; }
    /// <summary>层: number of landings served (the live view draws this many).</summary>
    public int Floors { get; set; }
    /// <summary>站</summary>
    public int Stops { get; set; }
    /// <summary>门</summary>
    public int Doors { get; set; }
    /// <summary>Rated speed, m/s.</summary>
    public decimal RatedSpeed { get; set; }
    /// <summary>Rated load, kg.</summary>
    public int RatedLoad { get; set; }
    public DateOnly? InstallDate { get; set; }
    /// <summary>登记机关</summary>
    public string? RegistrationAuthority { get; set; }
    /// <summary>上次检验日期</summary>
    public DateOnly? LastInspectionDate { get; set; }
    /// <summary>下次检验日期</summary>
    public DateOnly? NextInspectionDate { get; set; }
    /// <summary>维保合同开始日期</summary>
    public DateOnly? MaintenanceContractStartDate { get; set; }
    /// <summary>维保合同到期日期</summary>
    public DateOnly? MaintenanceContractEndDate { get; set; }

    /// <summary>视频参数 (MON-5): up to one camera per position.</summary>
    public List<ElevatorCamera> Cameras { get; set; } = [];
    /// <summary>部件列表</summary>
    public List<ElevatorComponent> Components { get; set; } = [];

    /// <summary>The unguessable part of the QR code's address (ARC-2); a new one makes printed old codes stop working.</summary>
    public string PublicToken { get; set; } = NewPublicToken();

    public static string NewPublicToken() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>mqtt 楼层: label per physical landing index (index 0 = landing 1); empty means the index itself.</summary>
    public List<string> FloorLabels { get; set; } = [];

    public FloorMap FloorMap => new(FloorLabels);
}
