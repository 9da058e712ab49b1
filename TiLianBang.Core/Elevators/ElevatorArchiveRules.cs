namespace TiLianBang.Core.Elevators;

/// <summary>What makes an archive acceptable on its own (no database needed); the one place these limits are written.</summary>
public static class ElevatorArchiveRules
{
    public static readonly IReadOnlyList<string> UsagePlaces = ["住宅", "办公", "商场", "酒店", "医院", "学校", "交通枢纽", "工业厂房", "公共场所", "其他"];

    public static Dictionary<string, string> Check(ElevatorArchive a, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        void Text(string field, string? value, int max, string what, bool required)
        {
            var length = value?.Trim().Length ?? 0;
            if (required && length == 0)
            {
                errors[field] = $"请填写{what}。";
            }
            else if (length > max)
            {
                errors[field] = $"{what}不能超过 {max} 个字符。";
            }
        }
        Text(nameof(a.Number), a.Number, 32, "电梯编号", required: true);
        Text(nameof(a.Name), a.Name, 100, "电梯名称", required: true);
        Text(nameof(a.Type), a.Type, 40, "电梯类型", required: false);
        Text(nameof(a.RenovationUnit), a.RenovationUnit, 100, "改造单位", required: false);
        Text(nameof(a.FactoryNumber), a.FactoryNumber, 40, "出厂编号", required: false);
        Text(nameof(a.Brand), a.Brand, 50, "品牌", required: false);
        Text(nameof(a.Model), a.Model, 50, "型号", required: false);
        Text(nameof(a.RegistrationAuthority), a.RegistrationAuthority, 100, "登记机关", required: false);
        if (!Enum.IsDefined(a.Variety))
        {
            errors[nameof(a.Variety)] = "请从《特种设备目录》电梯品种中选择。";
        }
        if (!string.IsNullOrWhiteSpace(a.UsagePlace) && !UsagePlaces.Contains(a.UsagePlace.Trim()))
        {
            errors[nameof(a.UsagePlace)] = $"使用场所应为：{string.Join("、", UsagePlaces)}。";
        }
        if (!string.IsNullOrWhiteSpace(a.RegisterCode) && RegisterCode.Problem(a.RegisterCode.Trim(), today) is { } problem)
        {
            errors[nameof(a.RegisterCode)] = problem;
        }
        if (a.Floors is < 2 or > 200)
        {
            errors[nameof(a.Floors)] = "层数应在 2 到 200 之间。";
        }
        if (a.Stops < 2 || a.Stops > Math.Max(a.Floors, 2))
        {
            errors[nameof(a.Stops)] = "站数应至少为 2，且不多于层数。";
        }
        if (a.Doors < 0 || a.Doors > 2 * Math.Max(a.Stops, 2))
        {
            errors[nameof(a.Doors)] = "门数应在 0 到站数的 2 倍之间（贯通门每站 2 扇）。";
        }
        if (a.RatedSpeed is <= 0 or > 20)
        {
            errors[nameof(a.RatedSpeed)] = "额定速度应大于 0 且不超过 20 m/s。";
        }
        if (a.RatedLoad is < 100 or > 20000)
        {
            errors[nameof(a.RatedLoad)] = "额定载重量应在 100 到 20000 kg 之间。";
        }
        if (a.InstallDate > today)
        {
            errors[nameof(a.InstallDate)] = "安装日期不能晚于今天。";
        }
        if (a.LastInspectionDate > today)
        {
            errors[nameof(a.LastInspectionDate)] = "上次检验日期不能晚于今天。";
        }
        if (a.NextInspectionDate is { } next && a.LastInspectionDate is { } last && next <= last)
        {
            errors[nameof(a.NextInspectionDate)] = "下次检验日期应晚于上次检验日期。";
        }
        if (a.MaintenanceContractEndDate is { } end && a.MaintenanceContractStartDate is { } start && end <= start)
        {
            errors[nameof(a.MaintenanceContractEndDate)] = "维保合同到期日期应晚于开始日期。";
        }
        if (a.Cameras.Count > ElevatorArchives.MaxCameras || a.Cameras.GroupBy(c => c.Position).Any(g => g.Count() > 1)
            || a.Cameras.Any(c => !Enum.IsDefined(c.Position)))
        {
            errors[nameof(a.Cameras)] = "每个位置（轿厢、轿顶、机房、轿底）最多一个摄像头。";
        }
        else if (a.Cameras.Any(c => string.IsNullOrWhiteSpace(c.Serial) || c.Serial.Trim().Length > 50 || c.Channel is < 1 or > 256))
        {
            errors[nameof(a.Cameras)] = "摄像头需填写序列号（最多 50 个字符）和通道号（1–256）。";
        }
        if (a.Components.Count > ElevatorArchives.MaxComponents)
        {
            errors[nameof(a.Components)] = $"部件最多 {ElevatorArchives.MaxComponents} 个。";
        }
        else if (a.Components.ToList().FindIndex(c => string.IsNullOrWhiteSpace(c.Name) || c.Name.Trim().Length > 50) is var bad and >= 0)
        {
            errors[nameof(a.Components)] = $"第 {bad + 1} 个部件需填写名称（最多 50 个字符）。";
        }
        return errors;
    }
}
